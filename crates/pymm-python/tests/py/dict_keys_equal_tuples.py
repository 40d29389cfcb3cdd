# Dict and set lookups with keys equal to a stored key but not the same object: tuples and
# namedtuples (pyperformance's mdp states) compared item by item as tuple == tuple does,
# and what must still take the long way: a tuple subclass with its own __eq__ (given when
# the class is made or later), different classes, an __eq__ that raises or counts its
# calls, NaN items, ints equal to floats.
import collections

P = collections.namedtuple("P", "x y z")
Q = collections.namedtuple("Q", "x y z")


def fresh(text):
    return "".join(list(text))  # an equal str, never the same object


key = (2, (P(1, (2, 3), "a"), P(4, 5, 6), 0), 1, "Dig")
other = (2, (P(1, (2, 3), fresh("a")), P(4, 5, 6), 0), 1, fresh("Dig"))
d = {key: "state"}
print(d[other], other in d, key == other, d.get((2, (P(1, (2, 3), "a"), P(4, 5, 7), 0), 1, "Dig")))
print({(P(1, 2, 3),): 1}[(Q(1, 2, 3),)], {P(1, 2, 3): 1}[(1, 2, 3)], {(1, 2, 3): 2}[P(1, 2, 3)])
print({(1, 2.0, 3): "f"}[(1.0, 2, 3)], (1, 2, 3) in {(1.0, 2.0, 3.0)})
s = {(P(i, i + 1, (i,)), i) for i in range(50)}
print(sum((P(i, i + 1, (i,)), i) in s for i in range(60)))
dd = collections.defaultdict(float)
for i in range(30):
    dd[(0, (P(i % 5, 0, 0), P(1, 1, 1), 0))] += 1.0
print(sorted(dd.values()), len(dd))

nan = float("nan")
t = (1, nan)
print(t in {t}, (1, nan) in {t}, (1, float("nan")) in {(1, float("nan"))})


class Loud(tuple):
    calls = 0

    def __eq__(self, other):
        Loud.calls += 1
        return tuple.__eq__(self, other)

    __hash__ = tuple.__hash__


a, b = Loud((1, 2, 3)), Loud((1, 2, 3))
print({(a, 0): 1}[(b, 0)], Loud.calls)


class Later(tuple):
    pass


x, y = Later((5, 6, 7)), Later((5, 6, 7))
dl = {(x, 1): "x"}
print(dl[(y, 1)])
Later.__eq__ = lambda self, other: False
print((y, 1) in dl, ((x, 1) in dl))
del Later.__eq__
print((y, 1) in dl)


class Counted:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        Counted.calls += 1
        return isinstance(other, Counted) and self.v == other.v


dc = {(1, Counted(2), 3): "c"}
print(dc[(1, Counted(2), 3)], Counted.calls, (1, Counted(2), 4) in dc, Counted.calls)


class Bad:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("cannot compare")


db = {(Bad(), 1): 0}
try:
    db[(Bad(), 1)]
except RuntimeError as e:
    print("RuntimeError", e)


nest = ()
for _ in range(100):
    nest = (nest, 1)
copy = ()
for _ in range(100):
    copy = (copy, 1)
print({nest: "deep"}[copy])
print(sorted([(P(2, 1, 0), "b"), (P(1, 2, 0), "a"), (P(1, 2, 0), "c")], key=lambda kv: kv[0]))
