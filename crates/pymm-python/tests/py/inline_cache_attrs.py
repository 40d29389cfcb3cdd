# Attribute instructions cache where they found an attribute; every change that could make
# the cached place wrong must be seen. Each site runs in a loop so that it is cached first.


def read_x(objs):
    return [o.x for o in objs]


def call_m(objs):
    return [o.m() for o in objs]


def write_x(objs, v):
    for o in objs:
        o.x = v


class Base:
    kind = "base"

    def m(self):
        return "Base.m"


class C(Base):
    def __init__(self, x):
        self.x = x


objs = [C(i) for i in range(3)]
for _ in range(3):
    print("read", read_x(objs))
    print("call", call_m(objs))

# a method added on the class shadows the base's
C.m = lambda self: "C.m"
print("class mutated", call_m(objs))
# deleting it shows the base's again
del C.m
print("class attr deleted", call_m(objs))
# a base's method replaced
Base.m = lambda self: "new Base.m"
print("base mutated", call_m(objs))
# an instance attribute shadows the method (the class's keys grow)
objs[1].m = lambda: "instance m"
print("instance shadows", call_m(objs))
del objs[1].m
print("shadow deleted", call_m(objs))


# class value read through instances, then shadowed and changed
def read_kind(objs):
    return [o.kind for o in objs]


for _ in range(3):
    print("kind", read_kind(objs))
objs[0].kind = "own"
print("kind shadowed", read_kind(objs))
Base.kind = "changed"
print("kind changed on base", read_kind(objs))

# del of an instance attribute: the cached read raises AttributeError
del objs[2].x
try:
    read_x(objs)
except AttributeError as e:
    print("AttributeError", e)
objs[2].x = 2
print("restored", read_x(objs))

# writes cached, then a property takes the name over
for _ in range(3):
    write_x(objs, 7)
print("written", read_x(objs))
log = []


def set_x(self, v):
    log.append(v)


C.x = property(lambda self: "prop", set_x)
write_x(objs, 8)
print("property setter ran", log, read_x(objs))
del C.x
print("property removed", read_x(objs))


# __setattr__ added to the class after writes were cached
def setattr_hook(self, name, value):
    log.append((name, value))
    object.__setattr__(self, name, value * 10)


C.__setattr__ = setattr_hook
write_x(objs, 1)
print("setattr hook", log[-3:], read_x(objs))
del C.__setattr__


# __getattr__ only for missing names; a cached read of a present one is unaffected
class G:
    def __init__(self):
        self.a = 1

    def __getattr__(self, name):
        return "missing " + name


def read_a(objs):
    return [o.a for o in objs]


gs = [G(), G()]
for _ in range(3):
    print("getattr", read_a(gs))
del gs[0].a
print("getattr after del", read_a(gs))


# a descriptor taking over a name read from instances
class H:
    def __init__(self):
        self.a = 1


hs = [H(), H()]
for _ in range(3):
    print("plain", read_a(hs))


# a data descriptor on the class wins over the instance's value
class Desc:
    def __get__(self, obj, owner):
        return "desc"

    def __set__(self, obj, value):
        obj.__dict__["a"] = value


for _ in range(2):
    print("before descriptor", read_a(hs))
H.a = Desc()
print("descriptor", read_a(hs))
del H.a
print("descriptor gone", read_a(hs))


# a non-data descriptor is shadowed by the instance's value
class NonData:
    def __get__(self, obj, owner):
        return "nondata"


class K:
    a = NonData()


ks = [K(), K()]
print("nondata", read_a(ks))
ks[0].a = "own"
print("nondata shadowed", read_a(ks))


# __slots__ instances: reads, writes and a missing slot
class S:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


ss = [S(1), S(2)]
for _ in range(3):
    write_x(ss, 5)
    print("slots", read_x(ss))
del ss[0].x
try:
    read_x(ss)
except AttributeError as e:
    print("slot AttributeError", e)


# instances with a __dict__ made (vars()), and a class whose keys change order of growth
class D:
    def __init__(self):
        self.x = 1


ds = [D(), D()]
for _ in range(3):
    print("dict", read_x(ds))
vars(ds[0])["x"] = 10
print("dict written", read_x(ds))
ds[1].__dict__
write_x(ds, 3)
print("dict write", read_x(ds))

# the same site sees instances of different classes
mixed = [C(1), D(), S(4)]
for _ in range(3):
    print("mixed", read_x(mixed))

# a class made anew at the same place: the cached entry is for the old class
for n in range(4):

    class T:
        pass

    t = T()
    t.x = n
    print("fresh class", read_x([t]))
    del T, t


# methods of built-in types (LOAD_METHOD) on several receivers
def appender(seqs):
    for s in seqs:
        s.append(1)
    return [len(s) for s in seqs]


class MyList:
    def __init__(self):
        self.items = []

    def append(self, v):
        self.items += [v, v]

    def __len__(self):
        return len(self.items)


lists = [[], [], MyList()]
for _ in range(3):
    print("append", appender(lists))
