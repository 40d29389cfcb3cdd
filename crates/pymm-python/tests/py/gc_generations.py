# Survivors move to older generations; collect(n) scans generation n and the younger ones.
import gc

class Node:
    pass

def generation_of(obj):
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation)):
            return generation
    return None

gc.disable()
gc.collect()
x = Node()
print("new object in generation:", generation_of(x))
gc.collect(0)
print("after collect(0):", generation_of(x))
gc.collect(1)
print("after collect(1):", generation_of(x))
y = Node()
gc.collect(1)
print("young object after collect(1):", generation_of(y))
gc.collect(2)
print("after a full collection:", generation_of(x), generation_of(y))

old = Node()
gc.collect()
young = Node()
old.peer = young
young.peer = old
del old, young
print("collect(0) cannot free a cycle reaching generation 2:", gc.collect(0))
print("the full collection frees it:", gc.collect(2))
for bad in (-1, 3):
    try:
        gc.collect(bad)
    except ValueError as err:
        print("collect(" + str(bad) + "):", type(err).__name__, err)
gc.enable()
