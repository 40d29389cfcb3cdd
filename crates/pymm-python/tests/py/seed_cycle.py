# Seed 3.2: a two-node cycle is freed by the generational collector.
import gc

class Node:
    def __init__(self):
        self.next = None

gc.disable()  # no automatic collection may run before ours
gc.collect()
a = Node()
b = Node()
a.next = b
b.next = a
del a
del b
print("gc.collect() found:", gc.collect())
print("thresholds:", gc.get_threshold())
print("three generations:", len(gc.get_count()))
gc.enable()
