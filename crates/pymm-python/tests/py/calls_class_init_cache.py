# A class call site remembers that the class only allocates and runs __init__: the
# remembered __init__ must follow every change of the class, its bases and its kind.


class Base:
    def __init__(self, x):
        self.x = x


class Child(Base):
    pass


def make(cls, v):
    return cls(v)


def make_many(cls, n):
    return [cls(i) for i in range(n)]


# fill the site's entry, then change what __init__ is
print("base:", [o.x for o in make_many(Child, 3)])


def init_double(self, x):
    self.x = 2 * x


Child.__init__ = init_double
print("own __init__:", make(Child, 5).x)
del Child.__init__
print("deleted, base's again:", make(Child, 5).x)


def init_str(self, x):
    self.x = "base:" + str(x)


Base.__init__ = init_str
print("base's replaced:", make(Child, 6).x)


# a __new__ added after the site filled: it runs, and decides the result
def new(cls, v):
    print("  __new__ of", cls.__name__, v)
    if v < 0:
        return "not an instance"
    return object.__new__(cls)


for i in range(3):
    make(Child, i)
Child.__new__ = staticmethod(new)
print("with __new__:", make(Child, 7).x, make(Child, -1))


# __init__ replaced by a built-in function, and by a class's own attribute lookup
class Odd:
    def __init__(self, v):
        self.v = v


for i in range(3):
    make(Odd, i)
Odd.__init__ = object.__init__
try:
    make(Odd, 1)
except TypeError as e:
    print("object.__init__:", e)
print("object.__init__, no argument:", type(Odd()).__name__)


# one site, many classes (polymorphic), classes made in a loop
classes = []
for k in range(6):
    def init(self, v, k=k):
        self.v = (k, v)
    classes.append(type("K%d" % k, (), {"__init__": init}))
for rnd in range(3):
    print("round", rnd, [make(c, rnd).v for c in classes])


# __init__ returning a value: the error, from a site that held an entry
class Returns:
    def __init__(self, v):
        self.v = v
        if v == 3:
            return v


try:
    print([make(Returns, i).v for i in range(5)])
except TypeError as e:
    print("returns:", e)


# a generator __init__ after the site filled
class Gen:
    def __init__(self, v):
        self.v = v


for i in range(3):
    make(Gen, i)


def gen_init(self, v):
    yield v


Gen.__init__ = gen_init
try:
    make(Gen, 1)
except TypeError as e:
    print("generator init:", e)


# a metaclass __call__ makes no difference to the cache; arguments and keywords
class Meta(type):
    def __call__(cls, *args, **kwargs):
        print("  Meta.__call__", cls.__name__, args, kwargs)
        return super().__call__(*args, **kwargs)


class WithMeta(metaclass=Meta):
    def __init__(self, a, b=2, *, c=3):
        self.t = (a, b, c)


def kw_make(cls):
    return cls(1, c=5)


print("meta:", kw_make(WithMeta).t)


class Plain:
    def __init__(self, a, b=2, *, c=3):
        self.t = (a, b, c)


print("keywords:", [kw_make(Plain).t for _ in range(3)])
try:
    Plain()
except TypeError as e:
    print("missing:", e)


# exceptions and built-in subclasses keep their own paths
class MyError(Exception):
    def __init__(self, v):
        super().__init__("my", v)
        self.v = v


class MyList(list):
    def __init__(self, v):
        super().__init__([v, v])


for i in range(3):
    print("exception:", make(MyError, i).args, "list:", make(MyList, i))


# instances with a materialised __dict__, values past the inline ones, __slots__: all
# dropped again
class Wide:
    def __init__(self, v):
        self.a = v


def grow(n):
    out = []
    for i in range(n):
        w = make(Wide, i)
        for j in range(i % 7):
            setattr(w, "extra%d" % j, j)
        if i % 3 == 0:
            w.__dict__["d"] = i
        out.append(sorted(vars(w)))
    return out


print("wide:", grow(9)[-3:])


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


print("slots:", [make(Slotted, i).a for i in range(3)])
try:
    make(Slotted, 1).c = 1
except AttributeError as e:
    print("slots:", e)
