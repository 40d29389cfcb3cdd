# array: typed arrays, bytes round trips, byteswap, CPython's range and type errors.
from array import array
import copy
a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
print(a, len(a), a[0], a[-1], a[1:3], list(a), a.tolist(), a.itemsize, a.typecode, 3 in a)
print(a.tobytes(), array("h", b"\x01\x00\x02\x00"), array("d", [1.5, 2]), array("b"), array("u", "hi"))
a[0] = 10
del a[1]
a.insert(0, -1)
print(a, a.pop(), a.index(3), a.count(3), a + array("i", [7]), a * 2, a == array("i", a.tolist()))
a.reverse()
print(a, array("B", [1, 2, 255]).tobytes(), array("f", [0.5]).tobytes())
b = array("H", [1, 256])
b.byteswap()
print(b, copy.copy(b) == b, array("q", [2 ** 40]).tolist(), array("i", array("i", [9])))
for bad in [lambda: array("b", [200]), lambda: array("i", [1.5]), lambda: array("z"),
            lambda: array("B", [-1]), lambda: array("h", [40000]), lambda: array("i", [2**31])]:
    try:
        bad()
    except (OverflowError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
