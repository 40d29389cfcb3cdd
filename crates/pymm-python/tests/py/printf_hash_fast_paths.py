# `%` formatting without width or precision, hashes of built-in subclasses that keep their
# base type's __hash__, and issubclass with a tuple: the paths that skip a call or a copy.
import collections


class S(str):
    def __str__(self):
        return "S.__str__"


class R:
    def __repr__(self):
        return "R()"

    def __str__(self):
        return "str-of-R"


print("%s|%r|%a|%d|%i|%u" % ("é", "é", "é", 42, -7, 3))
print("%s %s %s %s" % (S("x"), R(), 1.5, None), "%r %a" % (R(), ["ü"]))
print("%d %d %s" % (True, 2**70, True), "%5s|%-5s|%.2s|%5d|%-4d|" % ("ab", "cd", "xyz", 7, 8))
print("%(a)s-%(b)r-%(c)d" % {"a": "A", "b": "B", "c": 3}, "%s" % ((1, 2),), "%s%%" % 5)
print("%c%c %x %o %e" % ("z", 65, 255, 8, 1.5), "%d" % 3.9)
for bad in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2))]:
    try:
        print(bad[0] % bad[1])
    except TypeError as e:
        print("TypeError", e)

Point = collections.namedtuple("Point", "x y")
p = Point(1, 2)
print(hash(p) == hash((1, 2)), {p: 1}[(1, 2)], (1, 2) in {p}, p == (1, 2))


class MyInt(int):
    pass


class MyStr(str):
    pass


class OwnHash(tuple):
    def __hash__(self):
        return 7


class Borrowed(tuple):
    __hash__ = int.__hash__


print(hash(MyInt(5)) == hash(5), hash(MyStr("k")) == hash("k"), hash(OwnHash((1,))))
print({MyInt(3): "a"}[3], {MyStr("k"): 1}["k"], hash(Point(MyInt(1), "s")) == hash((1, "s")))
try:
    hash(Borrowed((1,)))
except TypeError as e:
    print("TypeError", e)


class L(list):
    pass


try:
    hash(L())
except TypeError as e:
    print("TypeError", e)

print(issubclass(bool, (str, int)), issubclass(L, (dict, tuple)), issubclass(L, list))
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError", e)
