# A class is a reference cycle (its __dict__/__weakref__ descriptors refer back to it):
# deleting one leaves garbage for gc.collect(), as in CPython.
import gc
gc.disable()
gc.collect()
class A:
    pass
print(sorted(n for n in A.__dict__ if n.startswith('__') and n in ('__dict__', '__weakref__', '__module__')), A.__dict__['__dict__'], type(A.__dict__['__weakref__']).__name__)
a = A()
print(a.__weakref__)
import weakref
r = weakref.ref(a)
print(a.__weakref__ is r)
del a, r
del A
print(gc.collect() > 0)
class B(list):
    pass
class C(B):
    pass
class S:
    __slots__ = ("x",)
class W:
    __slots__ = ("x", "__weakref__")
class E(Exception):
    pass
for k in (B, C, S, W, E):
    print(k.__name__, sorted(n for n in vars(k) if n in ("__dict__", "__weakref__")))
del B, C
print(gc.collect() > 0, gc.collect())
print(gc.is_tracked(object()), gc.is_tracked(int), gc.is_tracked(KeyError), gc.is_tracked(S), gc.is_tracked(S()))
