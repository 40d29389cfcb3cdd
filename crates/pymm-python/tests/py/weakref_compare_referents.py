# Weak references compare through their referents' own __eq__, even for one referent, and
# by identity once a referent died.
import gc
import weakref

gc.disable()
calls = []


class K:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        calls.append(self.n)
        return self.n == other.n

    def __hash__(self):
        return hash(self.n)


a = K(1)
r1 = weakref.ref(a, lambda r: None)
r2 = weakref.ref(a)
print("same referent", r1 == r2, calls)
b = K(1)
print("equal referents", weakref.ref(b) == r2, r1 != weakref.ref(b), calls)
print("hash", hash(r1) == hash(a))
d = {r1: "one"}
print("dict lookup", d[weakref.ref(b)], len(calls) > 3)
del a
print("dead", r1 == r2, r1 == r1, r1 != r2)
