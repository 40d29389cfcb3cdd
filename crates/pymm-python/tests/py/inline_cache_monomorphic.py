# The loop's monomorphic attribute steps (an instance value read and stored, a method of
# the class loaded, a call leaving parameters to their defaults, a comparison fused with
# its jump): each site runs warm in a function, then the class or the instance changes
# under it, and the site must see the change.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


def read_x(objs):
    return [o.x for o in objs]


def read_x_loop(o, n):
    total = 0
    for _ in range(n):
        total += o.x
    return total


def store_x(o, values):
    for v in values:
        o.x = v
    return o.x


def call_norm(o, n):
    total = 0
    for _ in range(n):
        total += o.norm()
    return total


p = P(1, 2)
print("warm", read_x_loop(p, 50), store_x(p, range(40)), call_norm(p, 30))

# a data descriptor (property) on the class after the sites cached: it wins over the
# instance value for reads and stores
P.x = property(lambda self: "prop", lambda self, v: print("set via property", v))
print("property", read_x_loop.__name__, [read_x([p])[0] for _ in range(3)])
store_x(p, [7])
del P.x
print("property gone", read_x_loop(p, 3))

# a non-data descriptor (a plain function) on the class does not shadow the instance value
P.x = lambda self: "method"
print("non-data", read_x_loop(p, 3))
del P.x


# a custom data descriptor with __set_name__
class Logged:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return ("logged", obj.__dict__.get(self.name))

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value * 10


class Q:
    def __init__(self):
        self.x = 1


q = Q()
print("Q warm", read_x_loop(q, 20), store_x(q, range(5)))
Q.x = Logged()
Logged.__set_name__(Q.x, Q, "x")
store_x(q, [3])
print("descriptor", read_x([q]), q.__dict__)
del Q.x


# __getattr__ added: only asked for missing names, so cached reads still read values
class R:
    def __init__(self):
        self.x = 5


r = R()
print("R warm", read_x_loop(r, 20))
R.__getattr__ = lambda self, name: "fallback " + name
print("getattr", read_x_loop(r, 2), r.missing)
del r.x
print("getattr after del", read_x([r]))
del R.__getattr__

# __getattribute__ added: every read goes through it
r.x = 6
print("R warm again", read_x_loop(r, 20))
R.__getattribute__ = lambda self, name: "intercepted " + name
print("getattribute", read_x([r, r]))
del R.__getattribute__
print("getattribute gone", read_x([r]))


# __setattr__ added: every store goes through it
def noisy_setattr(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value + 100)


R.__setattr__ = noisy_setattr
print("setattr", store_x(r, [1, 2]))
del R.__setattr__
print("setattr gone", store_x(r, [3]))


# __slots__: values in slots, a slot deleted, reads raise AttributeError
class S:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x
        self.y = 0


s = S(4)
print("slots warm", read_x_loop(s, 20), store_x(s, range(9)))
del s.x
try:
    read_x([s])
except AttributeError as e:
    print("slots deleted", e)
print("slots store again", store_x(s, [11]), read_x([s]))

# __dict__ replaced: cached reads and stores see the new dict
p2 = P(1, 2)
print("dict warm", read_x_loop(p2, 20), store_x(p2, range(3)))
p2.__dict__ = {"x": "from new dict", "y": 0}
print("dict replaced", read_x([p2]), store_x(p2, ["stored"]), p2.__dict__)
p3 = P(3, 4)
print("fresh instance", read_x([p3]), store_x(p3, [9]))

# an instance value shadowing a method loaded by a warm method site
o = P(1, 1)
print("method warm", call_norm(o, 20))
o.norm = lambda: 1000
print("method shadowed", call_norm(o, 2))
del o.norm
P.norm = lambda self: -1
print("method replaced", call_norm(o, 2))

# __class__ assigned: the site must see the new class's layout
class P2:
    def __init__(self):
        self.y = "y first"
        self.x = "x second"

    def norm(self):
        return 5


a = P(8, 9)
print("class warm", read_x_loop(a, 10))
a.__class__ = P2
print("class assigned", read_x([a]), call_norm(a, 2))


# calls leaving parameters to their defaults
def with_defaults(a, b=2, c=[]):
    c.append(a)
    return a + b + len(c)


def call_defaults(n):
    total = 0
    for i in range(n):
        total += with_defaults(i)
        total += with_defaults(i, 10)
        total += with_defaults(i, 1, [])
    return total


print("defaults", call_defaults(30), len(with_defaults.__defaults__[1]))


class V:
    def __init__(self, x=0.0, y=0.0, z=None):
        self.x, self.y, self.z = x, y, z

    def scaled(self, k=2.0, shift=0.5):
        return V(self.x * k + shift, self.y * k + shift)


def chain(n):
    v = V()
    for _ in range(n):
        v = v.scaled()
    return v.x, v.y, v.z


print("method defaults", chain(5))


def too_few():
    def f(a, b, c=1):
        return a + b + c

    for args in [(1, 2), (1, 2, 3), (1,)]:
        try:
            print("call", f(*args) if len(args) != 1 else f(args[0]))
        except TypeError as e:
            print("TypeError", e)


too_few()


def gen_defaults(a, b=3):
    yield a
    yield b


def cell_defaults(a, b=4):
    return lambda: a + b


def run_kinds():
    for _ in range(3):
        print("kinds", list(gen_defaults(1)), cell_defaults(1)())


run_kinds()


# comparisons fused with their jump: ints, floats, mixed, NaN, big ints, bools, subclasses
def compare_all(pairs):
    out = []
    for a, b in pairs:
        r = ""
        if a < b:
            r += "<"
        if a <= b:
            r += "L"
        if a > b:
            r += ">"
        if a >= b:
            r += "G"
        if a == b:
            r += "="
        if a != b:
            r += "!"
        if not a < b:
            r += "n"
        out.append(r)
    return out


class MyFloat(float):
    def __lt__(self, other):
        return "truthy"


nan = float("nan")
pairs = [
    (1, 2), (2, 1), (3, 3), (1.5, 2.5), (2.5, 1.5), (2.0, 2), (2, 2.0), (1, 1.5),
    (nan, 1.0), (1.0, nan), (nan, nan), (2**70, 1.0), (1.0, 2**70), (2**53 + 1, 2.0**53),
    (True, 2), (False, 0.0), (-0.0, 0.0), (float("inf"), 10**400), (MyFloat(1.0), 0.0),
]
print("compare", compare_all(pairs))


def while_loop(limit):
    x = 0.0
    n = 0
    while x < limit:
        x += 0.25
        n += 1
    return n


print("while", while_loop(10.0), while_loop(10))


def compare_error():
    try:
        if 1.0 < "a":
            pass
    except TypeError as e:
        print("TypeError", e)


compare_error()


def bad_dict():
    p = P(1, 2)
    try:
        p.__dict__ = [1]
    except TypeError as e:
        print("TypeError", e)
    print("after bad dict", p.x, p.__dict__)
    d = {"x": 1}
    p.__dict__ = d
    p.y = "new"
    print("shared dict", d, read_x([p]))


bad_dict()
