# Special methods: arithmetic, comparison, len, contains, getitem, call, bool.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __repr__(self):
        return "Vec(" + str(self.x) + ", " + str(self.y) + ")"

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __contains__(self, value):
        return value == self.x or value == self.y

    def __call__(self, scale):
        return self * scale

    def __bool__(self):
        return self.x != 0 or self.y != 0

    def __neg__(self):
        return Vec(-self.x, -self.y)

a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, b - a, a * 3, -a)
print("eq:", a == Vec(1, 2), a != b, a == 5)
print("lt:", a < b, sorted([b, a]))
print("len:", len(a), "items:", a[0], a[1], list(a))
print("contains:", 2 in a, 7 in a)
print("call:", a(10))
print("bool:", bool(a), bool(Vec(0, 0)))
x, y = b
print("unpack via __getitem__:", x, y)
acc = Vec(0, 0)
acc += a
print("augmented falls back to __add__:", acc)
