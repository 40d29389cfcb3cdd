# Attribute sites that see receivers of several classes keep an entry per class; each entry
# must still see every change that could make it wrong: class and base mutation, instance
# values that shadow class attributes, slots, new classes, more classes than entries.


def read_x(objs):
    return [o.x for o in objs]


def call_m(objs):
    return [o.m() for o in objs]


def read_kind(objs):
    return [o.kind for o in objs]


def write_x(objs, v):
    for o in objs:
        o.x = v


class Base:
    kind = "base"

    def m(self):
        return "Base.m"


class A(Base):
    def __init__(self, x):
        self.x = x

    def m(self):
        return "A.m"


class B(Base):
    def __init__(self, x):
        self.y = -x
        self.x = x


class C(Base):
    kind = "c"

    def __init__(self, x):
        self.x = x


class D:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x

    def m(self):
        return "D.m"

    kind = "d"


class E(A):
    pass


objs = [A(1), B(2), C(3), D(4)]
for _ in range(5):
    print("read", read_x(objs))
    print("call", call_m(objs))
    print("kind", read_kind(objs))

write_x(objs, 7)
print("written", read_x(objs))

# one class's method changes: only its receivers see it
B.m = lambda self: "B.m"
print("B gains m", call_m(objs))
del B.m
print("B loses m", call_m(objs))
Base.m = lambda self: "new Base.m"
print("base changed", call_m(objs))
Base.kind = "new base"
print("base kind", read_kind(objs))

# an instance value shadows a class attribute for one receiver
objs[2].m = lambda: "instance m"
objs[2].kind = "instance kind"
print("instance shadows", call_m(objs), read_kind(objs))
del objs[2].m
del objs[2].kind
print("shadows deleted", call_m(objs), read_kind(objs))

# more classes than a site keeps entries for
many = [A(1), B(2), C(3), D(4), E(5), A(6), E(7), B(8)]
for _ in range(5):
    print("many read", read_x(many))
    print("many call", call_m(many))

# a new class made between runs of the sites
class F(Base):
    def __init__(self, x):
        self.x = x * 10

    def m(self):
        return "F.m"


mixed = [A(1), F(2), D(3), F(4)]
for _ in range(3):
    print("mixed", read_x(mixed), call_m(mixed), read_kind(mixed))

# a method replaced on a subclass after its base's entry was cached
E.m = lambda self: "E.m"
print("subclass gains m", call_m(many))

# a slot emptied: the cached read must raise
d = D(1)
print("slot", read_x([d, A(2)]))
del d.x
try:
    read_x([A(2), d])
except AttributeError as e:
    print("slot deleted:", type(e).__name__)


# a property added to a class after its instances' values were cached
class P:
    def __init__(self):
        self.x = 1


ps = [P(), A(3)]
for _ in range(3):
    print("before property", read_x(ps))
P.x = property(lambda self: "property")
print("property wins", read_x(ps))
