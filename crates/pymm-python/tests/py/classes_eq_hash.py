# __eq__ and __hash__ decide dict and set membership.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return "P(" + str(self.x) + "," + str(self.y) + ")"

s = {Point(1, 2), Point(1, 2), Point(2, 1)}
print("duplicates merge:", len(s))
print("membership by value:", Point(2, 1) in s)
d = {Point(0, 0): "origin"}
print("lookup by an equal key:", d[Point(0, 0)])
print("hash equal for equal points:", hash(Point(3, 4)) == hash(Point(3, 4)))

class EqOnly:
    def __eq__(self, other):
        return True

try:
    hash(EqOnly())
except TypeError as err:
    print("defining __eq__ alone makes it unhashable:", err)

class Identity:
    pass

i1 = Identity()
i2 = Identity()
print("default equality is identity:", i1 == i1, i1 == i2)
print("default hash is usable:", len({i1, i2, i1}))
print("hash of ints and strs:", hash(5), hash(-1), hash(True))
print("hash of a tuple equals for equal tuples:", hash((1, "a")) == hash((1, "a")))
