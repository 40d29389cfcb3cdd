# A number result may be written into a box that dies with the instruction (an operand only
# the value stack holds, the old value of the local being assigned, a range loop's previous
# int): whatever else still sees a box must keep its value, small ints stay the shared
# ones, and every case the fast paths leave alone (subclasses, overflow, errors) behaves as
# CPython's.
import math
import sys

FIVE = int("5")


def aliases():
    a = 1.5
    b = a
    a = a + 1.0
    print("alias", a, b, a is b)
    c = d = 2.5
    c += 1.0
    print("chained", c, d)
    e = 1e10 + 0.5
    kept = id(e)
    f = e
    e = e * 2.0
    print("id kept", id(f) == kept, e is f, e, f)


def lists_keep_floats():
    out = []
    x = 0.5
    for _ in range(6):
        x = x * 2.0 + 0.25
        out.append(x)
    print("list", out)
    pairs = []
    y = 1.0
    for _ in range(4):
        y = (y * 3.0) - (y / 2.0)
        pairs.append((y, y * 1.0))
    print("pairs", pairs)


def temporaries():
    a, b, c, d = 1.25, 2.5, -3.0, 0.125
    r = a * b + c * d - (a - b) * (c + d)
    print("temps", r)
    x = (t := a * b) + 1.0
    print("walrus", t, x)
    lst = [1.0, 2.0]
    lst[0] += a * b
    lst[1] -= lst[0] * 2.0
    print("subscripts", lst)


def special_values():
    z = -0.0
    z = z * 1.0
    print("negative zero", z, math.copysign(1.0, z))
    z = 0.0
    z = z * -1.0
    print("sign", z)
    n = float("nan")
    n = n + 1.0
    print("nan", n, n == n, n != n)
    i = float("inf")
    j = i - i
    i = i * 2.0
    print("inf", i, j, -i)
    m = 1e308
    m = m * 10.0
    print("overflow to inf", m)
    tiny = 5e-324
    tiny = tiny / 2.0
    print("underflow", tiny)


def errors_leave_targets_alone():
    x = 1000.5
    try:
        x = x / 0.0
    except ZeroDivisionError as e:
        print("float div", e, x)
    k = 5000
    try:
        k = k // 0
    except ZeroDivisionError as e:
        print("int floordiv", e, k)
    try:
        k = k % 0
    except ZeroDivisionError as e:
        print("int mod", e, k)
    p = -8.0
    p = p ** 2.0
    print("negative base", p)
    q = 0.0
    try:
        q = q ** -1.0
    except ZeroDivisionError as e:
        print("zero pow", e, q)


def small_ints():
    x = 1000
    y = x - 995
    print("small is", y is FIVE, y)
    k = 250
    for _ in range(10):
        k = k + 1
    print("k", k, k == 260)
    five = 2
    five = five + 3
    print("five", five is FIVE)
    big = 300
    same = big
    big = big + 0
    print("fresh int", big == same, big is same)
    total = 0
    for i in range(400):
        total = total + i
        if i in (255, 256, 257):
            j = i + 0
            print("loop small", i, j is i if i <= 256 else j == i)
    print("total", total)


def range_loops_keep_ints():
    keep = []
    for i in range(1000, 1005):
        keep.append(i)
    print("range kept", keep)
    last = None
    for i in range(300, 303):
        last = i
    print("last", last, last is i)
    seen = {}
    for i in range(5000, 5003):
        seen[i] = i * 2
    print("dict", seen)
    snapshot = None
    for i in range(2000, 2003):
        if i == 2001:
            snapshot = locals()["i"]
    print("locals", snapshot, i)
    back = [n for n in range(10**6, 10**6 + 3)]
    print("comprehension", back)
    down = []
    for i in range(-300, -310, -3):
        down.append(i)
    print("down", down)


def gen(n):
    for i in range(n, n + 3):
        yield i


def generators_keep_ints():
    print("gen", list(gen(10**9)))
    it = gen(400)
    a = next(it)
    b = next(it)
    print("gen next", a, b)


def i64_edges():
    top = 2**63 - 3
    for _ in range(4):
        top = top + 1
        print("top", top, type(top).__name__)
    bottom = -(2**63) + 2
    for _ in range(4):
        bottom = bottom - 1
        print("bottom", bottom)
    m = 2**62
    m = m * 2
    print("mul", m)
    s = 3037000500
    s = s * s
    print("square", s)
    n = -(2**63)
    n = n // -1
    print("floordiv", n)
    r = -(2**63)
    r = r % -1
    print("mod", r)
    sh = 1 << 62
    sh = sh << 1
    print("shift", sh)
    p = 3
    p = p ** 40
    print("pow", p)
    for i in range(2**63 - 3, 2**63 - 1):
        print("range top", i)
    for i in range(-(2**63), -(2**63) + 2):
        print("range bottom", i)
    x = 2**53 + 1
    x = x + 0.0
    print("int to float", x)


class F(float):
    def __add__(self, other):
        return F(float(self) + other + 100)

    def __radd__(self, other):
        return "F.radd"


class G(float):
    pass


class I(int):
    def __sub__(self, other):
        return "I.sub"

    def __mul__(self, other):
        return I(int(self) * other)


def subclasses():
    x = F(1.0)
    x = x + 1.0
    print("F add", x, type(x).__name__)
    y = 1.0
    y = y + F(2.0)
    print("F radd", y)
    g = G(2.5)
    g = g * 2.0
    print("G mul", g, type(g).__name__)
    h = 2.5
    h = h * G(2.0)
    print("mul G", h, type(h).__name__)
    i = I(7)
    i = i - 1
    print("I sub", i)
    j = I(1000)
    j = j * 3
    print("I mul", j, type(j).__name__)
    b = True
    b = b + 1
    print("bool", b, type(b).__name__)
    t = True
    t = t & True
    print("bool and", t, type(t).__name__)


def mixed():
    x = 1000
    x = x + 0.5
    print("int to float box", x, type(x).__name__)
    y = 0.5
    y = y * 0 + 3000
    print("float stays", y, type(y).__name__)
    z = 0.5
    z = 3000 + 1
    print("int into float's name", z, type(z).__name__)


def module_level():
    g = globals()
    print("global", g["acc"], g["acc_int"])


acc = 0.0
acc_int = 1000
for step in range(5):
    acc = acc + step * 0.5
    acc_int = acc_int + step
keep_globals = [acc, acc_int]

aliases()
lists_keep_floats()
temporaries()
special_values()
errors_leave_targets_alone()
small_ints()
range_loops_keep_ints()
generators_keep_ints()
i64_edges()
subclasses()
mixed()
module_level()
print("refcounts", sys.getrefcount(keep_globals[0]) >= 2)


def mixed_compares():
    big = 2**53
    cases = [
        (1.0, 1), (0.5, 1), (1, 0.5), (-0.0, 0), (0, -0.0), (float("nan"), 1), (1, float("nan")),
        (float("inf"), 2**62), (-float("inf"), -(2**62)), (float(big), big + 1), (big + 1, float(big)),
        (float(big), big), (9007199254740993.0, 2**53 + 1), (1e300, 2**63), (-1e300, -(2**63)),
        (2.5, True), (True, 0.5), (1e300, 10**400), (-1e300, -(10**400)), (1e300, 10**299),
        (float(2**70), 2**70), (float(2**70), 2**70 + 1), (2**70 - 1, float(2**70)),
        (float("inf"), 10**400), (float("nan"), 10**400), (-2.5, -(2**63)), (-9.3e18, -(2**63)),
    ]
    for a, b in cases:
        print("cmp", repr(a), repr(b), a < b, a <= b, a == b, a != b, a > b, a >= b)


mixed_compares()
