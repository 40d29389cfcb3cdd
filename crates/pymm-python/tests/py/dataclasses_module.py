# dataclasses: generated __init__, __repr__, __eq__, ordering, frozen, defaults, inheritance.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(1, 3), p.x, p.y)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(5))

@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False)

a = Inventory("a")
b = Inventory("b")
a.items.append(1)
print(a, b, a.count, "items" in Inventory.__dict__)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

print(sorted([Version(2, 1), Version(1, 5), Version(2, 0)]), Version(1) < Version(1, 1))
print(hash(Version(1, 2)) == hash(Version(1, 2)), {Version(1): "one"}[Version(1, 0)])
try:
    Version(1).major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))

@dataclass
class Point3(Point):
    z: int = 0
    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)

q = Point3(1, -2, 3)
print(q, q.norm1(), [f.name for f in fields(Point3)], Point3.__match_args__)

@dataclass
class Account:
    owner: str
    balance: float = 0.0
    history: list = field(default_factory=list)
    def __post_init__(self):
        self.history.append(("open", self.balance))

acc = Account("ann", 10.0)
print(acc.history, Account("bob").history)

@dataclass
class Line:
    start: Point
    end: Point

print(asdict(Line(Point(0, 0), Point(1, 1))), astuple(Line(Point(0, 0), Point(1, 1))))

for label, make in [
    ("missing", lambda: Point()),
    ("too many", lambda: Point(1, 2, 3)),
    ("unknown keyword", lambda: Point(1, w=2)),
    ("twice", lambda: Point(1, x=2)),
]:
    try:
        make()
    except TypeError as e:
        print(label, "TypeError:", e)

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Shared:
        values: list = []
except ValueError as e:
    print("ValueError:", e)

match Point(5, 0):
    case Point(x, 0):
        print("on the x axis at", x)
print(Point.__eq__(p, 5))
unhashable = True
try:
    hash(p)
except TypeError:
    unhashable = True
print("eq without frozen makes it unhashable:", unhashable)
