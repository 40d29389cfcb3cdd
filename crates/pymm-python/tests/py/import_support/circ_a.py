"""Half of an import cycle: circ_b imports this module while it is half initialised."""
from . import events

early = "defined before the cycle"
events.append("circ_a starts")
from . import circ_b

late = "defined after the cycle"
events.append("circ_a ends")
