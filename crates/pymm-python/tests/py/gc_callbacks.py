# gc.callbacks: called with "start" and "stop" around every collection.
import gc

events = []
keys_seen = []

def watch(phase, info):
    keys_seen.append(sorted(info.keys()))
    events.append((phase, info["generation"], info["collected"], info["uncollectable"]))

class Node:
    pass

gc.disable()
gc.collect()
gc.callbacks.append(watch)
a = Node()
b = Node()
a.b = b
b.a = a
del a, b
gc.collect()
gc.collect(0)
gc.callbacks.remove(watch)
gc.collect()
for event in events:
    print("event:", event)
print("callback removed, no more events:", len(events))
print("info keys:", keys_seen[0])
gc.enable()
