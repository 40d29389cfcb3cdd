# Tuples: packing, unpacking, immutability, comparison, and size next to lists.
import sys

point = (10, 20)
x, y = point
print("unpacked:", x, y)
a, *rest = (1, 2, 3, 4)
print("star unpacking:", a, rest)
*init, last = [1, 2, 3]
print("star first:", init, last)
first, (second, third) = 1, (2, 3)
print("nested unpacking:", first, second, third)
x, y = y, x
print("swap:", x, y)
try:
    point[0] = 5
except TypeError as err:
    print("immutable:", err)
print("single:", (1,), "empty:", (), "len:", len((1, 2, 3)))
print("concat:", (1, 2) + (3,), "repeat:", ("a",) * 3)
print("compare:", (1, 2) < (1, 3), (2,) > (1, 9), (1, 2) == (1, 2))
print("count/index:", (1, 2, 2, 3).count(2), (1, 2, 3).index(3))
print("tuple():", tuple([1, 2]), tuple("ab"), tuple(range(3)))
print("tuple is smaller than list:", sys.getsizeof((1, 2)) < sys.getsizeof([1, 2]))
print("as dict key:", {(0, 0): "origin"}[(0, 0)])
print("slicing:", (0, 1, 2, 3, 4)[1:4], (0, 1, 2)[::-1])
print("hashable when items are:", hash((1, 2)) == hash((1, 2)))
try:
    hash((1, [2]))
except TypeError as err:
    print("unhashable item:", err)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print("enumerate unpack:", i, k, v)
