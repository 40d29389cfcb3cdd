# DEBUG_SAVEALL keeps unreachable objects in gc.garbage instead of freeing them.
import gc

class Node:
    def __init__(self, name):
        self.name = name

gc.disable()
gc.collect()
print("debug flags at start:", gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print("flags now DEBUG_SAVEALL:", gc.get_debug() == gc.DEBUG_SAVEALL)
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("found:", gc.collect())
print("garbage length:", len(gc.garbage))
print("garbage names:", sorted(o.name for o in gc.garbage))
print("still linked:", gc.garbage[0].other.other is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print("cleared garbage is a cycle again:", gc.collect())
print("flags reset:", gc.get_debug())
print("constants:", gc.DEBUG_STATS, gc.DEBUG_SAVEALL)
gc.enable()
