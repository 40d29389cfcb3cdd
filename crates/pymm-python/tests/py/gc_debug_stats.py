# DEBUG_STATS reports every collection on stderr; stdout only shows the flags and results.
import gc

class Node:
    pass

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_STATS)
print("flags:", gc.get_debug(), gc.get_debug() == gc.DEBUG_STATS)
a = Node()
a.me = a
del a
print("collected with statistics on:", gc.collect())
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_SAVEALL)
print("flags combine:", gc.get_debug() == 33)
gc.set_debug(0)
print("flags off:", gc.get_debug())
try:
    gc.set_debug("x")
except TypeError:
    print("set_debug needs an int: TypeError")
gc.enable()
