# Dictionary keys and values are both references; deleting an entry drops them.
import sys

class Key:
    def __hash__(self):
        return 7

    def __eq__(self, other):
        return self is other

k = Key()
v = [1]
d = {}
print("key alone:", sys.getrefcount(k) - 1)
d[k] = v
print("key in dict:", sys.getrefcount(k) - 1, "value in dict:", sys.getrefcount(v) - 1)
d2 = dict(d)
print("after copying the dict:", sys.getrefcount(k) - 1, sys.getrefcount(v) - 1)
del d[k]
print("after del d[k]:", sys.getrefcount(k) - 1, sys.getrefcount(v) - 1)
d2.pop(k)
print("after pop:", sys.getrefcount(k) - 1, sys.getrefcount(v) - 1)
s = {k}
print("in a set:", sys.getrefcount(k) - 1)
s.discard(k)
print("discarded:", sys.getrefcount(k) - 1)
print("lengths:", len(d), len(d2), len(s))
