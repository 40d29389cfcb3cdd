# A tuple's hash, kept in the tuple once computed (odd lengths: the block's spare word),
# must be the hash computed afresh: equal across int/float/Fraction/bool/tuple items,
# alike for equal tuples of every length, and the lookups of dicts and sets keyed by
# nested tuples and namedtuples (pyperformance's mdp states) must find them. A __hash__
# written in Python still runs on every hash of a tuple holding its instance, as in
# CPython 3.11, and an exception it raises comes out every time.
import collections
from fractions import Fraction

for n in range(7):
    ints = tuple(range(n))
    floats = tuple(float(i) for i in range(n))
    fracs = tuple(Fraction(i) for i in range(n))
    print(n, hash(ints), hash(ints) == hash(floats) == hash(fracs), ints == floats)
    for _ in range(2):  # kept or not, the same value
        print(" ", hash(ints), hash(floats), hash(fracs))

print(hash((True, 2.5, Fraction(1, 3))), hash((1, 2.5, Fraction(1, 3))))
print(hash((-1,)), hash((-1, -2, -1)), hash(((-1,),)), hash(()))
nested = (1, (2, (3, (4, 5), 6), 7), 8)
print(hash(nested), hash(nested), hash((1, (2, (3, (4, 5), 6), 7), 8)) == hash(nested))
print(hash((1.5, (2.5, 3), 2 ** 70)), hash((1.5, (2.5, 3), 2 ** 70)))

Stats = collections.namedtuple("Stats", "atk df speed spec")
Half = collections.namedtuple("Half", "fixed hp status mods stats")
a = Half((59, Stats(40, 44, 56, 50)), 59, 0, Stats(0, 0, 0, 0), Stats(40, 44, 56, 50))
b = Half((59, Stats(40, 44, 56, 50)), 59, 0, Stats(0, 0, 0, 0), Stats(40, 44, 56, 50))
state = (a, b._replace(hp=12), 0)
again = (b, a._replace(hp=12), 0)
print(hash(state) == hash(again), hash(a) == hash(tuple(a)), state == again)
d = collections.defaultdict(float)
d[0, state] += 1.5
d[1, state, "Dig"] += 2.0
d[2, state, 1, "Dig"] += 3.0
print(d[0, again], d[1, again, "Dig"], d[2, again, 1, "Dig"], d[0, (a, a, 0)], len(d))
s = {(0, state), (1, state, "x")}
print((0, again) in s, (1, again, "x") in s, (1, again, "y") in s)


class Counted:
    """A __hash__ in Python, counting its calls."""

    calls = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        Counted.calls += 1
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Counted) and self.v == other.v


t = (1, Counted(5), 3)
hs = [hash(t) for _ in range(4)]
print(hs[0] == hs[3] == hash((1, 5, 3)), Counted.calls)
outer = ((t,), 2, t)
hash(outer)
hash(outer)
print(Counted.calls)
print({t: "found"}[(1, Counted(5), 3)], Counted.calls)


class Mutable:
    """A hash that changes (not hashable as the glossary means it): still seen."""

    def __init__(self):
        self.v = 0

    def __hash__(self):
        self.v += 1
        return self.v


m = Mutable()
tm = (m, 1, 2)
print(hash(tm) != hash(tm), m.v)


class Raising:
    def __hash__(self):
        raise ValueError("no hash today")


r = (1, Raising(), 3)
for _ in range(2):
    try:
        hash(r)
    except ValueError as e:
        print("ValueError", e)
try:
    {(r,): 1}
except ValueError as e:
    print("ValueError", e)
try:
    hash((1, [2], 3))
except TypeError as e:
    print("TypeError", e)
try:
    hash(((1, 2, 3), {}))
except TypeError as e:
    print("TypeError", e)

# identity-hashed items: stable, and the tuple finds itself
o = object()
to = (o, 1, 2)
print(hash(to) == hash(to), {to: 7}[(o, 1, 2)], (object(), 1, 2) in {to})
# tuples from every maker: slices, concatenation, repetition, tuple(), unpacking
base = (1, 2, 3, 4, 5)
made = [base[1:4], base[:3] + base[3:4], (1,) * 3, tuple([2, 3, 4]), (*base[1:3], 4)]
print([hash(x) for x in made], [hash(x) == hash(tuple(list(x))) for x in made])
