# Binary operations, subscripts and unpacking answered by the eval loop's quick steps:
# the results, the boxes they are written into (never one a name still sees), the cases
# that must still go the generic way (errors, big ints, subclasses), and the line an
# error names.
import math

# a float result goes into a dying box or the spare float: no name sees it change
a, b, c = 1.5, 2.5, 0.0
kept = []
for i in range(6):
    c = a * b + c
    kept.append(c)
    p = a * b
    kept.append(p)
print(kept)
print(len(set(map(id, kept))) == len(kept))
x = 3.0
y = x
for i in range(3):
    x = x * 2.0 + 1.0
print(x, y)
t = (0.5, 0.25)
s = t[0] * t[1]
print(s, t)
q = 1.0 / 3.0
r = q * 3.0
print(q, r, q == 1.0 / 3.0)
fl = [0.1 * i for i in range(5)]
print([v + 0.0 for v in fl], fl)

# signed zeros, nan and inf
nz = -0.0
print(nz * 1.0, 0.0 * -1.0, nz + 0.0, nz - 0.0, math.copysign(1.0, nz * 2.0))
inf = float("inf")
nan = float("nan")
print(inf - inf, inf * 0.0, nan + 1.0, inf + 1.0, -inf * 2.0)
print(nan < 1.0, nan > 1.0, nan == nan, nan != nan, 1.0 <= nan, nan >= nan)
print(inf > 10**300, -inf < -(10**300), 2**53 + 1 > float(2**53), 2**53 + 1 == float(2**53))
print(1.5 < 2, 2 < 1.5, 3 == 3.0, 3 != 3.0, -1 < -0.5)

# ints: overflow to big ints, shifts, floor division and modulo signs
big = 2**62
print(big + big, big * 4, -big - big - 1, (-2**63) - 1, 2**63 - 1 + 1)
print(1 << 62, 1 << 63, 1 << 64, 3 << 100, -1 << 63, (1 << 200) >> 190, -5 >> 1, 5 >> 70)
print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, (-2**63) // -1, (-2**63) % -1)
print(6 & 3, 6 | 3, 6 ^ 3, -6 & 0xFF, 2**3, 3**40, (-3)**41, 2**-1, 10**20 // 3)
print(i * 2 + 1, 2.0 ** 0.5, (-8.0) ** (1.0 / 3.0) if False else 0, 10**15 * 1.0)
print(float(2**53) + 1, 2**53 + 1.0, (2**60) * 1.5, 9007199254740993 * 1.0)
try:
    print(2.0 ** 10000)
except OverflowError as e:
    print("OverflowError", e)
print(10**400 // 10**399, (10**400) % 7)

# errors name CPython's message and the line of the operation
def fails(f):
    try:
        f()
    except Exception as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        print(type(e).__name__, e, tb.tb_lineno - fails_line)
fails_line = 65
def zero_int():
    n = 0
    return 1 // n
def zero_mod():
    n = 0
    return 5 % n
def zero_float():
    z = 0.0
    return 1.0 / z
def zero_float_mod():
    z = 0.0
    return 1.5 % z
def zero_float_floor():
    z = 0.0
    return 1.5 // z
def bad_index():
    l = [1, 2, 3]
    return l[3]
def bad_store():
    l = [1, 2, 3]
    l[-4] = 0
def bad_tuple_index():
    t = (1, 2)
    return t[-3]
def bad_unpack():
    a, b = (1, 2, 3)
def short_unpack():
    a, b, c = [1, 2]
def type_mix():
    return 1 + "a"
def neg_pow():
    return 0.0 ** -1.0
def neg_shift():
    return 1 << -1
for f in (zero_int, zero_mod, zero_float, zero_float_mod, zero_float_floor, bad_index,
          bad_store, bad_tuple_index, bad_unpack, short_unpack, type_mix, neg_pow, neg_shift):
    fails(f)

# subclasses keep their operators
class MyInt(int):
    def __add__(self, o):
        return "MyInt.add"
    def __lt__(self, o):
        return "MyInt.lt"
class MyFloat(float):
    def __mul__(self, o):
        return "MyFloat.mul"
    def __rsub__(self, o):
        return "MyFloat.rsub"
class MyList(list):
    def __getitem__(self, i):
        return ("MyList.get", i)
    def __setitem__(self, i, v):
        print("MyList.set", i, v)
class MyTuple(tuple):
    def __getitem__(self, i):
        return ("MyTuple.get", i)
    def __iter__(self):
        return iter(("it", "er"))
m, mf = MyInt(3), MyFloat(2.0)
print(m + 1, 1 + m, m < 2, mf * 3.0, 3.0 * mf, 1.0 - mf, mf + 1.0, type(mf + 1.0).__name__)
ml = MyList([1, 2, 3])
print(ml[0], ml[-1])
ml[1] = 5
print(len(ml), list.__getitem__(ml, 1))
mt = MyTuple((1, 2))
print(mt[0])
u, v = mt
print(u, v)
print([1, 2, 3][True], (4, 5)[False], [1, 2, 3][-1], (7, 8, 9)[-3])
lst = [0] * 4
lst[True] = 9
lst[-1] = 7
print(lst)

# unpacking tuples and lists of the right length, and of a list that changes
pairs = [(i, i * i) for i in range(4)]
tot = 0
for k, v in pairs:
    tot += k * v
print(tot)
w = [1, [2, 3]]
a1, (b1, c1) = w
print(a1, b1, c1)
def g():
    yield 1
    yield 2
d1, d2 = g()
print(d1, d2)
