# __slots__ instances and plain instances as fixed-position values after the class:
# attribute errors, __dict__ and __weakref__ slots, inheritance, deletion, __class__
# assignment, and cycles through slots collected. (`__dict__` among `__slots__` is not
# covered: pymm does not keep slot values apart from a `__dict__` yet.)
import gc
import weakref


class P:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


p = P(1, "two")
print(p.a, p.b)
for action in ("read c", "set c", "del c"):
    try:
        if action == "read c":
            p.c
        elif action == "set c":
            p.c = 3
        else:
            del p.c
    except AttributeError as err:
        print(action, "->", err)
del p.a
for action in ("read", "del"):
    try:
        if action == "read":
            p.a
        else:
            del p.a
    except AttributeError as err:
        print(action, "deleted ->", err)
p.a = [p.b]
print(p.a, hasattr(p, "__dict__"), hasattr(p, "__weakref__"))
try:
    weakref.ref(p)
except TypeError as err:
    print("weakref:", err)


class Empty:
    __slots__ = ()


e = Empty()
try:
    e.x = 1
except AttributeError as err:
    print("empty slots:", err)


class WithWeak:
    __slots__ = ("x", "__weakref__")


ww = WithWeak()
ww.x = 5
r = weakref.ref(ww)
print(r() is ww, r().x)
del ww
print("weakref after del:", r())


class Base:
    __slots__ = ("x",)


class Mid(Base):
    __slots__ = ("y",)


class Leaf(Mid):
    __slots__ = ("z",)

    def total(self):
        return self.x + self.y + self.z


leaf = Leaf()
leaf.x, leaf.y, leaf.z = 1, 2, 3
print(leaf.total(), [n for n in ("x", "y", "z") if hasattr(leaf, n)])
del leaf.y
print(hasattr(leaf, "y"), Mid.y.__get__(leaf, Mid) if hasattr(leaf, "y") else "unset")


class Plain:
    pass


class Unslotted(Leaf):
    pass


u = Unslotted()
u.x, u.y, u.z, u.w = 10, 20, 30, 40
print(u.total(), u.w, u.__dict__["w"])


class Q:
    __slots__ = ("a", "b")


p2 = P(7, 8)
p2.__class__ = Q
print(type(p2).__name__, p2.a, p2.b)
try:
    p2.__class__ = Plain
except TypeError as err:
    print("class assignment:", err)


class Swap:
    def __init__(self):
        self.v = 1


class Swap2:
    def describe(self):
        return "now Swap2 with v=%d" % self.v


s = Swap()
s.__class__ = Swap2
print(s.describe())

# Cycles through slots and a class pointer in the object: collected.
class Link:
    __slots__ = ("other", "index", "__weakref__")


refs = []
for i in range(200):
    a = Link()
    b = Link()
    a.other, b.other = b, a
    a.index = b.index = i
    refs.append(weakref.ref(a))
print("cycles alive before collecting:", sum(r() is not None for r in refs) > 0 or "collected already")
del a, b
gc.collect()
print("slot cycles collected:", all(r() is None for r in refs))


class Node:
    __slots__ = ("next", "__weakref__")


n = Node()
n.next = n
alive = weakref.ref(n)
del n
gc.collect()
print("self cycle gone:", alive() is None)

# Many instances of many classes, some replaced classes dropped while instances live.
made = []
for i in range(50):
    cls = type("K%d" % i, (), {"__slots__": ("v",)})
    obj = cls()
    obj.v = i
    made.append(obj)
del cls, obj
gc.collect()
print(sum(o.v for o in made), {type(o).__name__ for o in made[:3]} == {"K0", "K1", "K2"})
