# The eval loop computes `float ** float` for a positive base, and unpacks tuples and lists
# of the expected length, itself; every other case goes the general way and must still
# give CPython's results and errors.
import math


def powers(pairs):
    out = []
    for a, b in pairs:
        try:
            r = a ** b
            out.append(repr(r) if not isinstance(r, complex) else "complex")
        except (ZeroDivisionError, OverflowError, ValueError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


cases = [
    (2.0, 0.5), (2.0, -1.5), (9.0, 0.5), (1.5, 2), (2, 0.5), (1e10, 3.0), (1e300, 2.0),
    (10.0, 400), (0.5, 2000.0), (1.0, float("nan")), (1.0, float("inf")), (2.0, float("inf")),
    (2.0, float("-inf")), (float("inf"), 2.0), (float("inf"), -1.0), (float("nan"), 0.0),
    (0.0, 2.0), (0.0, 0.0), (0.0, -1.0), (-0.0, -1.0), (-8.0, 2.0), (-8.0, 3.0), (-2.0, 3.0),
    (3.0, 0.0), (5e-324, 0.5), (2.0, 1023.0), (2.0, 1024.0), (1.0000001, 1e10),
]
for _ in range(3):
    result = powers(cases)
print("\n".join(result))
x = 2.0
x **= 0.5
print("inplace", x, math.isclose(x * x, 2.0))


class F(float):
    def __pow__(self, other):
        return "F.__pow__"

    def __rpow__(self, other):
        return "F.__rpow__"


print(F(2.0) ** 3.0, 2.0 ** F(3.0))


def unpack_all(seqs):
    out = []
    for seq in seqs:
        try:
            a, b, c = seq
            out.append((a, b, c))
        except (ValueError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


class T(tuple):
    def __iter__(self):
        return iter(["from", "T", "iter"])


class L(list):
    pass


seqs = [(1, 2, 3), [4, 5, 6], (1, 2), [1, 2, 3, 4], (), [], "abc", range(3), T((7, 8, 9)),
        L([10, 11, 12]), L([1]), {1: 0, 2: 0, 3: 0}, iter([13, 14, 15])]
for _ in range(3):
    result = unpack_all(seqs)
print("\n".join(map(str, result)))

# nested targets, starred targets and swaps
pairs = [((1, 2), [3, 4]), ([5, 6], (7, 8))]
for (p, q), [r, s] in pairs:
    print(p, q, r, s)
a, b = 1, 2
a, b = b, a
first, *rest = [1, 2, 3]
print(a, b, first, rest)
items = [1, 2, 3]
x, y, z = items
items[0] = 99
print(x, y, z, items)
