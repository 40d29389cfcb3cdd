# decimal (CPython's _pydecimal): arithmetic in a context, precision, rounding modes, quantize,
# special values, comparisons and hashing with ints and floats, traps, localcontext.
from decimal import (Decimal, Context, getcontext, localcontext, ROUND_HALF_EVEN, ROUND_DOWN,
                     ROUND_HALF_UP, ROUND_CEILING, InvalidOperation, DivisionByZero, Inexact)
import fractions

a, b = Decimal("1.1"), Decimal("2.20")
print("add:", a + b, a - b, a * b, b / a, b // a, b % a, -a, abs(-b), a ** 2)
print("repr:", repr(a), str(Decimal("1E+3")), Decimal("0.000001"), Decimal("1e-7"))
print("from:", Decimal(3), Decimal(-0.5), Decimal(0.1), Decimal((0, (3, 1, 4), -2)))
print("division:", Decimal(1) / Decimal(7), Decimal(2).sqrt(), Decimal(10).ln())
getcontext().prec = 6
print("prec 6:", Decimal(1) / Decimal(7), Decimal("123456789") + 0)
getcontext().prec = 28
print("quantize:", Decimal("2.675").quantize(Decimal("0.01")),
      Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
      Decimal("-7.5").quantize(Decimal("1"), rounding=ROUND_CEILING),
      Decimal("7.59").quantize(Decimal("0.1"), rounding=ROUND_DOWN))
banker = Context(rounding=ROUND_HALF_EVEN, prec=10)
print("context ops:", banker.quantize(Decimal("1.005"), Decimal("0.01")), banker.divide(1, 3),
      banker.power(2, 100))
print("special:", Decimal("inf"), Decimal("-Infinity"), Decimal("nan"), Decimal("-0"),
      Decimal("inf") > 10**100, Decimal("nan").is_nan())
print("compare:", Decimal("1.0") == 1, Decimal("0.5") == 0.5, Decimal("0.1") == 0.1,
      Decimal(2) < 3, max(Decimal("1.5"), Decimal("1.50")), sorted([Decimal(3), 1, 2.5]))
print("hash:", hash(Decimal(5)) == hash(5), hash(Decimal("0.5")) == hash(0.5),
      {Decimal(2): "two"}[2])
print("convert:", int(Decimal("-3.9")), float(Decimal("1.25")), round(Decimal("2.5")),
      round(Decimal("2.567"), 2), Decimal("3.14").as_tuple(), Decimal("0.75").as_integer_ratio())
print("fraction:", fractions.Fraction(Decimal("0.75")))
print("methods:", Decimal("12.3400").normalize(), Decimal("1.23E+5").to_eng_string(),
      Decimal("-2").copy_abs(), Decimal("10").exp(), Decimal("100").log10(),
      Decimal("5").fma(2, 3), Decimal("7").adjusted(), Decimal("1.5").to_integral_value())
print("format:", format(Decimal("1234.5678"), ".2f"), format(Decimal("1234.5"), ",.1f"),
      f"{Decimal('0.125'):.1%}", format(Decimal("12"), ">8"))
with localcontext() as ctx:
    ctx.prec = 3
    print("local:", Decimal(1) / 3, ctx.prec)
print("outside:", Decimal(1) / 3)
for bad in (lambda: Decimal(1) / 0, lambda: Decimal("abc"), lambda: Decimal(0) / 0):
    try:
        bad()
    except (DivisionByZero, InvalidOperation) as e:
        print(type(e).__name__, issubclass(type(e), ArithmeticError))
ctx = Context(traps=[Inexact])
try:
    ctx.divide(Decimal(1), Decimal(3))
except Inexact:
    print("Inexact trapped")
