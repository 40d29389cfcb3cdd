# round(float, ndigits) as CPython's double_round (ndigits of any size, ties to even on the
# exact value, overflow refused), sys.float_info, and NaN hashes by identity.
import math
import sys

for x in [123.456, -123.456, 1e300, 1e-320, 2.675, 0.125, 25.0, 35.0, 45.0, 1e22,
          562949953421312.5, 5e-324, -0.0, 1.4e-315, 1e150]:
    for n in [-400, -2**100, -309, -308, -300, -21, -2, -1, 0, 1, 2, 3, 15, 300, 309, 315,
              323, 324, 400, 2**31, 2**100]:
        print(repr(x), n, repr(round(x, n)))
for args in [(1.6e308, -308), (-1.7e308, -308), (float("inf"),), (float("nan"),),
             (float("inf"), 0.0), (1.0, "x"), (-0.0, 1j)]:
    try:
        print(round(*args))
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 0), math.isnan(round(float("nan"), 2)), round(-float("inf"), 5))


class Digits:
    def __index__(self):
        return 1


print(round(2.25, Digits()), round(2.35, True))

print(tuple(sys.float_info), sys.float_info.max == (2.0 - 2.0 ** -52) * 2.0 ** 1023)
print(sys.float_info.epsilon == 2.0 ** -52, sys.float_repr_style)
print(math.copysign(1.0, float("nan")), math.copysign(1.0, float("-nan")))

n = float("nan")
print(hash(n) == object.__hash__(n), hash(n) == hash(float("nan")), {n: 1}[n])


class H:
    def __hash__(self):
        return 42


class F(float, H):
    pass


class G(float):
    pass


for v in [F("nan"), G("nan")]:
    print(hash(v) == object.__hash__(v), float.__hash__(v) == object.__hash__(v))
print(hash(F(1.5)) == hash(1.5), hash(G(2.0)) == 2)
