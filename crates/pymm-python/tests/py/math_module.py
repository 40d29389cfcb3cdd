# The math module: values, int results of any size, and CPython's errors.
import math

print("constants:", math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print("sqrt:", math.sqrt(2), math.sqrt(16), math.sqrt(0.0))
print("exp/log:", math.exp(1), math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(1000))
print("log of a huge int:", round(math.log(10 ** 500), 6), round(math.log2(2 ** 4000)))
print("trig:", math.sin(0), math.cos(0), round(math.tan(math.pi / 4), 12), math.atan2(1, 1))
print("inverse:", math.asin(1), math.acos(1), math.atan(0))
print("angles:", math.degrees(math.pi), math.radians(180))
print("floor/ceil/trunc:", math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(7))
print("big floor:", math.floor(1e20), math.ceil(2.0 ** 70))
print("fabs/copysign/fmod:", math.fabs(-3), math.copysign(2, -0.0), math.fmod(7, 3), math.fmod(-7, 3))
print("hypot:", math.hypot(3, 4), math.hypot(1, 2, 2))
print("isclose:", math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
print("isinf/isfinite:", math.isinf(math.inf), math.isfinite(1e308), math.isfinite(math.nan))
print("fsum vs sum:", math.fsum([0.1] * 10), sum([0.1] * 10))
print("prod:", math.prod([1, 2, 3, 4]), math.prod([], start=5), math.prod([2] * 70))
print("gcd/lcm:", math.gcd(12, 18), math.gcd(0, 0), math.gcd(2 ** 100, 6 ** 50), math.lcm(4, 6), math.lcm(3, 0))
print("factorial:", math.factorial(0), math.factorial(20), math.factorial(30))
print("comb/perm:", math.comb(52, 5), math.perm(5, 2), math.perm(4), math.comb(3, 5))
print("isqrt:", math.isqrt(99), math.isqrt(10 ** 40))
print("pow:", math.pow(2, 10), math.pow(4, 0.5))

for label, f in [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-2)", lambda: math.log(-2)),
    ("exp(1000)", lambda: math.exp(1000)),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("pow(-8, 1/3)", lambda: math.pow(-8, 1 / 3)),
    ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(2.0)", lambda: math.factorial(2.0)),
    ("floor(nan)", lambda: math.floor(math.nan)),
    ("ceil(inf)", lambda: math.ceil(math.inf)),
    ("isqrt(-4)", lambda: math.isqrt(-4)),
    ("acos(2)", lambda: math.acos(2)),
    ("sqrt('x')", lambda: math.sqrt("x")),
    ("fmod(1, 0)", lambda: math.fmod(1, 0)),
]:
    try:
        print(label, "=", f())
    except (ValueError, OverflowError, TypeError) as e:
        print(label, "->", type(e).__name__ + ":", e)
