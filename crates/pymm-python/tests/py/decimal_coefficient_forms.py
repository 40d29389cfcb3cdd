# Decimals whose coefficients sit where pymm's decimal changes how it keeps them (an int up
# to 18 digits, the digit string past them, specials' and NaN payloads' digits), made by
# every constructor and by native and Python operations, then read back every way:
# str/repr/format, as_tuple, hash, comparisons, pickling, further arithmetic.
import copy
import pickle
from decimal import (
    Decimal, Context, localcontext, getcontext, ROUND_HALF_EVEN, ROUND_DOWN,
    Inexact, Rounded, InvalidOperation,
)


def show(label, d):
    print(label, str(d), repr(d), d.as_tuple(), d.adjusted() if d.is_finite() else "-",
          hash(d), bool(d))


edges = [10**17 - 1, 10**17, 10**18 - 1, 10**18, 10**18 + 1, 10**19 - 1, 10**19,
         2**63 - 1, 2**63, 2**64, 0, 1, 7]

for n in edges:
    for sign in (1, -1):
        for exp in (0, -2, 3):
            d = Decimal(sign * n).scaleb(exp)
            show("int", d)
            show("str", Decimal(str(d)))
            show("tuple", Decimal(d.as_tuple()))
            show("copy", Decimal(d))
            show("pickle", pickle.loads(pickle.dumps(d)))
            show("deepcopy", copy.deepcopy(d))

# tuples with leading zeros, and digit strings with them
for digits in [(0, 0, 1), (0,), (0, 0, 0), (0,) * 20 + (5,), (9,) * 18, (1,) + (0,) * 18]:
    show("lead", Decimal((0, digits, -3)))
show("zeros", Decimal("000000000000000000000123.4500"))
show("zeros", Decimal("0" * 30))
show("zeros", Decimal("-0" * 1 + "0" * 25 + "E-40"))

# specials and NaN payloads
for text in ["NaN", "NaN0", "NaN123", "-sNaN45", "Infinity", "-Inf", "nan000789"]:
    d = Decimal(text)
    print("special", str(d), repr(d), d.as_tuple(), d.is_nan(), d.is_infinite())
print(Decimal((1, (0, 0, 7), "n")), Decimal((0, (), "N")), Decimal((0, (5,), "F")))

# native arithmetic that crosses the 18-digit edge, both ways
getcontext().prec = 28
a = Decimal(10**18 - 1)
for b in [Decimal(1), Decimal(-1), Decimal("0.5"), Decimal(10**18 - 1), Decimal(2), 1, -1]:
    for r in (a + b, a - b, b - a, a * b, b * a, (a * b).quantize(Decimal("1E+10"))):
        show("op", r)
x = Decimal("999999999999999999")
x += 1
show("iadd", x)
x -= 1
show("isub", x)
x *= 10
show("imul", x)
big = Decimal("123456789012345678901234567")
show("big*big", big * big)
show("big+small", big + Decimal("0.001"))
show("quant", big.quantize(Decimal("1E+5")))
with localcontext() as ctx:
    ctx.prec = 50
    show("prec50", big * big)
    show("prec50 sub", big * big - big * big)

# Python-only operations on the same objects
ops = [Decimal("1234567890123456789"), Decimal("999999999999999999"), Decimal("1E+18"),
       Decimal("-0.000000000000000001"), Decimal("12.5")]
getcontext().prec = 40
for p in ops:
    for q in ops:
        print("py", p / q, p // q if q else "-", p % q if q else "-", p < q, p == q,
              p.compare_total(q), p.max(q), p.fma(q, 1))
    print("py1", -p, abs(p), p.sqrt() if p >= 0 else "-", p.normalize(), p.to_integral_value(),
          p.ln() if p > 0 else "-", p.logb(), p.number_class(), p.to_eng_string(),
          format(p, ".3e"), format(p, ",f"), float(p), int(p) if p.is_finite() else "-",
          p.as_integer_ratio())

getcontext().prec = 28

# a quantize that rounds to the edge, with flags
ctx = Context(prec=18, rounding=ROUND_HALF_EVEN)
try:
    ctx.quantize(Decimal("999999999999999999.5"), Decimal(1))
except InvalidOperation as e:
    print("ctx trapped", type(e).__name__)
ctx.traps[InvalidOperation] = False
r = ctx.quantize(Decimal("999999999999999998.5"), Decimal(1))
print("ctx", r, ctx.quantize(Decimal("999999999999999999.5"), Decimal(1)),
      [s.__name__ for s in (Inexact, Rounded, InvalidOperation) if ctx.flags[s]])
ctx = Context(prec=19, rounding=ROUND_DOWN)
print("ctx", ctx.quantize(Decimal("9999999999999999999.99"), Decimal(1)),
      ctx.add(Decimal(10**18), Decimal(10**18)), ctx.multiply(Decimal(10**9), Decimal(10**9)))
print(sorted({Decimal(10**18), Decimal("1E+18"), Decimal("1000000000000000000.0"), 10**18}))
