# gc.is_tracked: which objects the collector watches.
import gc

class Node:
    pass

print("int:", gc.is_tracked(42))
print("big int:", gc.is_tracked(10 ** 40))
print("float:", gc.is_tracked(1.5))
print("str:", gc.is_tracked("text"))
print("None:", gc.is_tracked(None))
print("empty list:", gc.is_tracked([]))
print("list of ints:", gc.is_tracked([1, 2]))
print("instance:", gc.is_tracked(Node()))
print("function:", gc.is_tracked(lambda: 0))
print("class:", gc.is_tracked(Node))
print("empty dict:", gc.is_tracked({}))
print("dict of atoms:", gc.is_tracked({"a": 1}))
print("dict holding a list:", gc.is_tracked({"a": []}))
d = {"a": 1}
d["b"] = []
print("dict becomes tracked when a container is added:", gc.is_tracked(d))
print("set:", gc.is_tracked({1, 2}))
