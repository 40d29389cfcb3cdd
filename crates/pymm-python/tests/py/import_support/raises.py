"""Raises while being imported: it must not stay in sys.modules."""
from . import events

events.append("raises runs")
started = True
raise ValueError("raised at import time")
