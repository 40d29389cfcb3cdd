import sys

from . import events
from . import circ_a

partial = sys.modules[__package__ + ".circ_a"]
events.append("circ_b sees early: " + str(hasattr(circ_a, "early")))
events.append("circ_b sees late: " + str(hasattr(circ_a, "late")))
try:
    from .circ_a import late
except ImportError as e:
    events.append("circ_b: " + str(e).split(" (")[0] + " (most likely due to a circular import)")
