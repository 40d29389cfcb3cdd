# Ranges whose bounds, length or indices do not fit in 64 bits: CPython computes on ints of
# any size throughout.
import pickle
import sys

M = sys.maxsize
cases = [
    range(10**20, 10**20 + 10, 3),
    range(10**20 + 10, 10**20, -3),
    range(-2**100),
    range(2**64, 2**64 + 5),
    range(-M, M),
    range(0, 2 * M),
    range(0, M**3, 2 * M),
    range(M**3, 0, -2 * M),
    range(M - 2, M + 3),
    range(-M - 3, -M + 2),
    range(2**200, 2**201, 2**100),
]
for r in cases:
    print(repr(r), r.start, r.stop, r.step, bool(r))
    try:
        print("len", len(r))
    except OverflowError as e:
        print("len", type(e).__name__, e)
    print("first", r[0] if r else None, "last", r[-1] if r else None)
    print("head", list(r[:3]), "tail", list(r[-3:]), "rev", [x for _, x in zip(range(3), reversed(r))])
    print("iter", [x for _, x in zip(range(3), r)])
    print("sliced", r[1:], r[::2], r[::-1], r[M + 1 : M + 2])
    print("in", r.start in r, r.stop in r, (r.start + r.step) in r, 2**70 in r, -1 in r)
    print("hash", hash(r) == hash(range(r.start, r.stop, r.step)))
    print("pickled", pickle.loads(pickle.dumps(r)) == r)
    if r:
        print("index", r.index(r[-1]), r.count(r[0]), r.count(r[0] + 1))
    try:
        print(r[2**90])
    except IndexError as e:
        print("IndexError", e)

# ranges equal whatever their representation
print(range(0, 2**70, 2**70) == range(0, 1), hash(range(0, 2**70, 2**70)) == hash(range(1)))
print(range(0, 2**100 - 1, 2) == range(0, 2**100, 2), range(0, 2**100, 2) != range(0, 2**100 + 1, 2))
print(range(2**65, 2**65) == range(0), range(M, M + 2**64) == range(M, M + 2**64))

# items of a 64-bit range past its index limit
x = range(-M, M)
print(x[M + 1], x[M + 1 : M + 2][0], x[-1], x[-(2 * M)])
for bad in (-(2 * M) - 1, 2 * M):
    try:
        x[bad]
    except IndexError as e:
        print("IndexError", e)


class I:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(list(range(I(2 * M), I(2 * M + 2))), range(10)[: I(5)], range(2**70)[I(2**68)])
for bad in (1.5, "x", I("x")):
    try:
        range(0, bad)
    except TypeError as e:
        print("TypeError", e)
try:
    range(2**70, 2**71, 0)
except ValueError as e:
    print("ValueError", e)

# iterators: pickles count positions from the first item, of any size
it = iter(range(2**32 + 2))
print(it.__reduce__()[1:])
it.__setstate__(2**32 + 1)
print(it.__reduce__()[1:], next(it), list(it))
it = iter(range(2**65, 2**65 + 4))
next(it)
print(it.__reduce__()[1:], list(pickle.loads(pickle.dumps(it))))
it.__setstate__(-5)
print(list(it))
it = reversed(range(2**65, 2**65 + 4))
print(next(it), it.__reduce__()[1:], list(it))
it = iter(range(5))
for _ in it:
    pass
print(it.__reduce__()[1:])
print(list(reversed(range(M, -M - 1, -M))), list(reversed(range(0, -2**63, -2**63))))
print(list(reversed(range(M - 3, M))), list(reversed(range(-M - 1, -M + 2))))
print(2.0**65 in range(2**65, 2**65 + 3), 3.0 in range(2**65), True in range(2**65, 0, -1))
