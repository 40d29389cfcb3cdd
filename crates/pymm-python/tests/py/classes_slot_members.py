# Member descriptors for __slots__ (C.x is a <member 'x' of 'C' objects> with __get__, __set__,
# __delete__, __name__, __objclass__), a slot shadowed by a class variable, __getattr__ after
# an empty slot, and __dict__ among __slots__ (instances take any attribute).
class D:
    __slots__ = ('x', 'y')
print(D.x)
print(type(D.x).__name__, repr(D.x), type(D.__dict__['x']).__name__ if hasattr(D, '__dict__') else '')
d = D()
D.x.__set__(d, 5); print(D.x.__get__(d, D), d.x)
print(D.x.__get__(None, D) is D.x)
D.x.__delete__(d)
try:
    d.x
except AttributeError as e:
    print("AE", e)
print(D.x.__name__, D.x.__objclass__, hasattr(d, 'y'))
class G:
    __slots__ = ('a',)
    def __getattr__(self, n): return "fallback " + n
g = G(); print(g.a); g.a = 1; print(g.a)
try:
    class H:
        __slots__ = ('a',)
        a = 5
except ValueError as e: print(e)
class E(D): pass
e = E(); e.x = 3; e.z = 4; print(e.x, e.z, E.x)
print(sorted(k for k in vars(D) if not k.startswith('__')))
class W:
    __slots__ = ('__weakref__', 'v')
print(type(W.__weakref__).__name__, W.__weakref__.__name__)
class P: pass
print(type(P.__dict__['__dict__']).__name__, P.__dict__['__dict__'].__get__(P(), P))
import copy, pickle
class Pt:
    __slots__ = ('x', 'y')
    def __init__(s, x, y): s.x = x; s.y = y
p = copy.copy(Pt(1, 2)); print(p.x, p.y)
q = pickle.loads(pickle.dumps(Pt(3, 4))); print(q.x, q.y)
class C:
    __slots__ = ('x', '__dict__')
c = C(); c.x = 1; c.y = 2
print(c.x, c.y, 'y' in c.__dict__, C.x, type(C.__dict__['__dict__']).__name__)
class K(C):
    __slots__ = ('z',)
k = K(); k.z = 1; k.w = 2; print(k.z, k.w)


class Twice:
    __slots__ = ("a", "a")


class TwiceSub(Twice):
    __slots__ = ("a",)


print(Twice.a, TwiceSub.a)

import weakref


class WithDict:
    __slots__ = ("a", "__dict__")


class WithBoth:
    __slots__ = ("a", "__dict__", "__weakref__")


for cls in (WithDict, WithBoth, P):
    try:
        weakref.ref(cls())
        print(cls.__name__, "takes weak references")
    except TypeError as e:
        print(cls.__name__, e)
