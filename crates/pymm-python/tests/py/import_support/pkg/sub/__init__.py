from ... import events

events.append("pkg.sub")
