# __slots__: fixed attributes, no __dict__, smaller instances.
import sys

class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

class Regular:
    def __init__(self, x, y):
        self.x = x
        self.y = y

s = Slotted(1, 2)
print("values:", s.x, s.y)
s.x = 10
print("assigned:", s.x)
try:
    s.z = 3
except AttributeError as err:
    print("AttributeError for a new attribute:", type(err).__name__)
print("no __dict__:", hasattr(s, "__dict__"), hasattr(Regular(1, 2), "__dict__"))
del s.y
try:
    s.y
except AttributeError:
    print("deleted slot raises AttributeError")
s.y = 5
print("reassigned:", s.y)
print("slotted is no bigger than regular:", sys.getsizeof(s) <= sys.getsizeof(Regular(1, 2)))
class Child(Slotted):
    __slots__ = ("z",)
c = Child(1, 2)
c.z = 3
print("inherited slots:", c.x, c.y, c.z)
