from .. import events

events.append("pkg.leaf")
value = 42
