# __slots__ classes with many names (past what an instance's shape byte counts: the values
# after the 63rd live in a box), __class__ assignment between two slotted classes, a
# subclass with a __dict__ over slots, and the size of a two-slot instance (CPython's 48).
import sys

names = tuple("n%d" % i for i in range(70))
Big = type("Big", (), {"__slots__": names})
b = Big()
for i, n in enumerate(names):
    setattr(b, n, i * 10)
print("sum:", sum(getattr(b, n) for n in names))
print("edges:", b.n0, b.n61, b.n62, b.n63, b.n69)
b.n63 = "x"
b.n69 += 1
print("replaced:", b.n63, b.n69)
del b.n64
try:
    b.n64
except AttributeError as e:
    print("deleted:", e)
print("hasattr:", hasattr(b, "n64"), hasattr(b, "n65"))
try:
    b.other = 1
except AttributeError as e:
    print("no dict:", e)
b.n68 = b
print("cycle:", b.n68 is b)


class Pair:
    __slots__ = ("a", "b")


class OtherPair:
    __slots__ = ("a", "b")


p = Pair()
p.a, p.b = 1, [2]
p.__class__ = OtherPair
print("class assigned:", type(p).__name__, p.a, p.b)


class Open(Pair):
    pass


o = Open()
o.a = 1
o.c = 3
print("dict over slots:", o.a, o.c, o.__dict__["c"])
print("two slots, CPython's size:", sys.getsizeof(Pair()) == 48)
print("no bigger than a plain instance:", sys.getsizeof(Pair()) <= sys.getsizeof(Open()))
