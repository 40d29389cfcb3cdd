# gc.freeze() moves every tracked object to the permanent generation.
import gc

class Node:
    pass

gc.disable()
gc.collect()
print("freeze count at start:", gc.get_freeze_count())
keep = [Node() for _ in range(10)]
gc.freeze()
frozen = gc.get_freeze_count()
print("freeze count is positive:", frozen > 0)
print("at least our 11 objects:", frozen >= 11)
print("frozen objects are not in any generation:", not any(o is keep for o in gc.get_objects()))
a = Node()
b = Node()
a.b = b
b.a = a
del a, b
print("new cycles are still collected:", gc.collect())
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())
print("back in the oldest generation:", any(o is keep for o in gc.get_objects(2)))
gc.enable()
