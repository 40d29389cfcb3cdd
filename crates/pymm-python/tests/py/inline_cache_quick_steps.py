# Attribute loads and stores, method and global loads and number comparisons that an inline
# cache or a fast path answers run in the eval loop without the instruction's whole path;
# each must still give way to it when the cache no longer holds, and drop what it replaces
# at the same moment.
import traceback


class P:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x


def read(ps):
    return [p.x for p in ps]


def calls(ps):
    return [p.get() for p in ps]


def store(ps, v):
    for p in ps:
        p.x = v


ps = [P(i) for i in range(4)]
for _ in range(3):
    print(read(ps), calls(ps))
    store(ps, 5)

# an instance loses its value: the cached read must raise, at its own line
del ps[2].x
try:
    read(ps)
except AttributeError as e:
    last = traceback.extract_tb(e.__traceback__)[-1]
    print("AttributeError", last.name, last.lineno, last.line, "|", e)

# the class gains __getattribute__, then a data descriptor: the same sites obey both
ps[2].x = 2
P.__getattribute__ = lambda self, name: "via __getattribute__ " + name
print(read(ps))
del P.__getattribute__
print(read(ps))
P.x = property(lambda self: "property", lambda self, v: print("setter", v))
store(ps[:1], 7)
print(read(ps))
del P.x
print(read(ps))

# the method is replaced on the class, then shadowed on one instance
P.get = lambda self: ("new get", self.x)
print(calls(ps))
ps[1].get = lambda: "own get"
print(calls(ps))


# __slots__ receivers at the same sites
class S:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x

    def get(self):
        return -self.x


ss = [S(1), S(2)]
for _ in range(3):
    store(ss, 3)
    print(read(ss), calls(ss))
del ss[0].x
try:
    calls(ss)
except AttributeError as e:
    print("AttributeError", e)


# what a quick step replaces dies at once, as in CPython
class Noisy:
    def __init__(self, name):
        self.name = name
        self.x = name + ".x"

    def __del__(self):
        print("del", self.name)


def load_of_temporary():
    for i in range(3):
        print("got", Noisy("tmp%d" % i).x)


load_of_temporary()
holder = P(Noisy("old"))
for i in range(2):
    holder.x = Noisy("new%d" % i)
    print("stored", i)
holder.x = None
print("cleared")

# globals read by a cached LOAD_GLOBAL, then rebound and deleted
G = 1


def read_g():
    return G


print([read_g() for _ in range(3)])
G = 2
print(read_g())
del G
try:
    read_g()
except NameError as e:
    print("NameError", e)


# comparisons: ints, floats, bools, big ints, subclasses of int and float
class MyInt(int):
    def __lt__(self, other):
        return "MyInt.__lt__"


class MyFloat(float):
    def __eq__(self, other):
        return "MyFloat.__eq__"

    __hash__ = float.__hash__


def cmp_all(pairs):
    out = []
    for a, b in pairs:
        out.append((a < b, a <= b, a == b, a != b, a > b, a >= b))
    return out


pairs = [(1, 2), (2, 2), (-5, 3), (2**70, 1), (1, 2**70), (1.5, 1), (1, 1.0),
         (float("nan"), 1), (True, 1), (False, 0.5)]
for _ in range(2):
    print(cmp_all(pairs))
print(MyInt(1) < 5, 5 < MyInt(1), MyFloat(1.0) == 1.0, 1.0 == MyFloat(1.0))
try:
    cmp_all([(1, "a")])
except TypeError as e:
    print("TypeError", e)


# slots read and stored through their member descriptors, at cached sites
class Sl:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


class SlChild(Sl):
    pass


class SlDict(Sl):
    __slots__ = ("__dict__",)


def read_y(objs):
    out = []
    for o in objs:
        try:
            out.append(o.y)
        except AttributeError as e:
            out.append("AttributeError: %s" % e)
    return out


def store_z(o):
    o.z = 1


sl = [Sl(1), SlChild(2), SlDict(3), Sl(4)]
for i in range(3):
    print(read(sl), read_y(sl))
    for o in sl:
        o.y = i
    store(sl, i * 10)
del sl[0].y
print(read_y(sl))
Sl.__getattr__ = lambda self, name: "__getattr__ " + name
print(read_y(sl))
del Sl.__getattr__
for o in sl:
    try:
        store_z(o)
        print("stored z", type(o).__name__, o.z)
    except AttributeError as e:
        print("AttributeError", e)
# (the slot replaced by a property on the class itself: its own instances see it)
Sl.x = property(lambda self: "x property")
print(read([sl[0], sl[3]]))
