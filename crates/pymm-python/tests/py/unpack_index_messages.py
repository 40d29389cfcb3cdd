# Unpacking and slice-assignment messages, __index__ as a sequence index, and a negative
# float to a fractional power (a complex, as CPython's float_pow hands over to complex).
import itertools


def show(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)


def unpack_int():
    a, b = 5


def unpack_none():
    a, b = None


def unpack_float_list_target():
    [a, b] = 3.5


def unpack_star_int():
    a, *b = 7


def unpack_for_target():
    for x, y in [1]:
        pass


def unpack_too_many():
    a, b = [1, 2, 3]


def unpack_too_few():
    a, b, c = (1, 2)


def unpack_star_too_few():
    a, *b, c = [1]


def unpack_str():
    a, b = "abc"


def unpack_endless():
    # at most n + 1 items are taken from an iterator
    a, b = itertools.count()
    return a, b


def unpack_iterator():
    a, b = iter([1, 2])
    return a, b


class RaisingIter:
    def __iter__(self):
        raise TypeError("from __iter__")


def unpack_raising_iter():
    a, b = RaisingIter()


class OldSeq:
    def __getitem__(self, i):
        if i < 2:
            return i * 10
        raise IndexError(i)


def unpack_old_sequence():
    a, b = OldSeq()
    return a, b


def unpack_coroutine():
    async def co():
        pass
    c = co()
    try:
        a, b = c
    finally:
        c.close()


for f in [unpack_int, unpack_none, unpack_float_list_target, unpack_star_int,
          unpack_for_target, unpack_too_many, unpack_too_few, unpack_star_too_few,
          unpack_str, unpack_endless, unpack_iterator, unpack_raising_iter,
          unpack_old_sequence, unpack_coroutine]:
    show(f)


def assign(target, key, value):
    def run():
        target[key] = value
        return target
    return run


show(assign([1, 2, 3], slice(1, None), 5))
show(assign([1, 2, 3], slice(None, None, 2), 5))
show(assign([1, 2, 3], slice(None, None, 2), [1]))
show(assign([1, 2, 3], slice(None, None, 2), "ab"))
show(assign([1, 2, 3], slice(1, 2), iter("xyz")))
show(assign([1, 2, 3], slice(1, 2), None))
show(assign(bytearray(b"ab"), slice(0, 1), 5))
show(assign(bytearray(b"ab"), slice(0, 1), "x"))
show(assign(bytearray(b"ab"), slice(0, 1), [120, 121]))


class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class BadIndex:
    def __index__(self):
        return "x"


class MyInt(int):
    pass


L = [10, 20, 30]
print(L[Index(1)], L[Index(-1)], (1, 2, 3)[Index(2)], "abc"[Index(1)], b"abc"[Index(0)],
      bytearray(b"xyz")[Index(2)], range(10)[Index(3)])
print(L[MyInt(1)], "abc"[MyInt(2)], (1, 2)[True])
print(L[Index(0):Index(2)], "abcdef"[Index(1)::Index(2)], L.index(30, Index(1)))
L[Index(0)] = 99
print(L)
del L[Index(0)]
print(L)
show(lambda: L[BadIndex()])
show(lambda: L[1:BadIndex()])
show(lambda: L["a":])
show(lambda: L[::"b"])
show(lambda: "abc"[Index(7)])
show(lambda: L.index(1, "a"))
show(lambda: L[Index(2 ** 70)])
key = 1.5
show(lambda: L[key])
show(lambda: "abc"[key])
show(lambda: range(3)[key])

print((-8) ** (1 / 3))
print((-8.0) ** 0.5, pow(-2.0, 0.5), (-1) ** 0.5, (-27) ** (1 / 3))
print(type((-8) ** 2.0), (-8) ** 2.0, (-2) ** -1)
print(pow(-8.0, float("inf")), pow(-0.5, float("inf")), (-8.0) ** float("nan"))
show(lambda: 0.0 ** -1)
show(lambda: (-1e300) ** 1.5)
