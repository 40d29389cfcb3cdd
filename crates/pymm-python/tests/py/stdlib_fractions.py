# fractions.Fraction: construction, arithmetic with ints and floats, comparisons, rounding, limit_denominator.
from fractions import Fraction as F
import math
a = F(3, 4)
b = F("1/3")
print(a, repr(b), a + b, a - b, a * b, a / b, a // b, a % b, -a, abs(F(-2, 6)), a ** 2, a ** -1, 2 ** F(2))
print(F(6, -4), F(0.5), F("1.25"), F("-3e-2"), F(5), F(F(1, 3)), F(1, 3) == F(2, 6), F(1, 2) == 0.5, F(1, 3) < 0.34, F(7, 2) > 3)
print(a + 1, 1 + a, a * 2.0, float(a), int(F(-7, 2)), math.floor(F(-7, 2)), math.ceil(F(-7, 2)), round(F(7, 2)), round(F(5, 2)), round(F(1, 3), 2))
print(F(3.141592653589793).limit_denominator(1000), F(1, 3).numerator, F(1, 3).denominator, F(2, 4).as_integer_ratio())
print(hash(F(2)) == hash(2), hash(F(1, 2)) == hash(0.5), sorted([F(1, 2), F(1, 3), 0.4]), sum([F(1, 3)] * 3), bool(F(0)))
for bad in [lambda: F(1, 0), lambda: F("x/y"), lambda: F(1.5, 2), lambda: F(1) / 0]:
    try:
        bad()
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
