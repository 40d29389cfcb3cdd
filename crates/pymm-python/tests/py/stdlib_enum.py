# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, the functional API, members with __init__.
import enum
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return f"{self.name} is {self.value}"

    @classmethod
    def default(cls):
        return cls.RED


print(Color.RED, repr(Color.GREEN), Color(2), Color["BLUE"], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED.describe(), Color.default(), Color)
print(Color.RED.name, Color.RED.value, isinstance(Color.RED, Color), type(Color.RED).__name__)
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.BLUE, hash(Color.RED) == hash(Color.RED))
print(list(Color.__members__), {Color.RED: "r"}[Color.CRIMSON], f"{Color.BLUE}", "%s" % Color.GREEN)
print(Color.RED in Color, sorted(c.value for c in Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    1 in Color
except TypeError as e:
    print("TypeError:", e)


class Shape(IntEnum):
    CIRCLE = 1
    SQUARE = 2


print(Shape.CIRCLE, repr(Shape.SQUARE), Shape.CIRCLE + 1, Shape.SQUARE == 2, Shape(1), f"{Shape.SQUARE:>3}", sorted([Shape.SQUARE, Shape.CIRCLE]))


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


print(list(Auto), [a.value for a in Auto])


class Dir(StrEnum):
    NORTH = auto()
    SOUTH = "s"


print(Dir.NORTH, repr(Dir.NORTH), Dir.SOUTH.upper(), Dir("s"), Dir.NORTH == "north")


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, list(rw), bool(Perm.R & Perm.W), Perm(4), repr(~Perm.R))


class Bits(IntFlag):
    A = 1
    B = 2


print(Bits.A | Bits.B, repr(Bits.A | Bits.B), Bits.A | 2, int(Bits.B), Bits.B == 2)


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


print(Planet.EARTH.mass, round(Planet.EARTH.gravity, 3), Planet((3.303e+23, 2.4397e6)))
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))
Num = Enum("Num", [("ONE", 1), ("TWO", 2)])
print(Num.TWO, Num(1))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
print(isinstance(Color, enum.EnumMeta), type(Color).__name__)
