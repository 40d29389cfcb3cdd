# A named tuple's fields read through native getters: values, subclasses, _replace,
# defaults, and the getter applied where it does not fit.
import collections

P = collections.namedtuple("P", "x y z", defaults=[0])
p = P(1, [2])
print(p.x, p.y, p.z, p, p._replace(z=9), p._replace(x=p).x.y)

class Q(P):
    __slots__ = ()
    @property
    def total(self):
        return self.x + self.z
q = Q(5, None, 7)
print(q.x, q.y, q.z, q.total, isinstance(q, P), q == (5, None, 7))

class R(P):
    def __init__(self, *args):
        self.note = "r"
r = R(3, 4)
print(r.x, r.y, r.z, r.note, r[1], r[-1])

for name in P._fields:
    print(name, getattr(p, name) is p[P._fields.index(name)])
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")
stats = collections.namedtuple("stats", ["atk", "df", "speed", "spec"])
s = stats(*[v * 2 for v in range(4)])
print(s.speed, sum(s), s.atk + s.spec, stats(*s)._asdict())
print([stats(i, i, i, i).df for i in range(3)])
