# sys.getsizeof where pymm's layout and CPython's take the same bytes (a 2-list, an int of
# one 64-bit word), and bounds that hold in both where a payload lives outside the object's
# block (a bytearray's bytes, a range's three numbers, a complex's two parts): getsizeof
# counts those bytes too.
import sys

size = sys.getsizeof
print(size([1, 2]), size(2 ** 40), size(-(2 ** 40)))
print(size(bytearray(b"x" * 100)) - size(bytearray()) >= 100)
print(size(range(5)) >= 48, size(range(5)) == size(range(10 ** 12)))
print(size(1j) >= 32, size(slice(1, 2)) >= 40)


class Slotted:
    __slots__ = ("a", "b")


def gen(x):
    yield x


# smaller than or as large as CPython's figures
print(size(Slotted()) <= 64, size(gen(1)) <= 184, size((1, 2)) <= 64)

# a plain object() (a sentinel) takes no attributes: no values, no dict in its block
sentinel = object()
print(size(sentinel) <= 48)
for f in [lambda: setattr(sentinel, "x", 1), lambda: sentinel.x, lambda: sentinel.__dict__]:
    try:
        f()
    except AttributeError as e:
        print("AttributeError", e)
print(sentinel in {sentinel}, {sentinel: 1}[sentinel], dir(sentinel) == dir(object))
