# decimal: str, repr and engineering strings; hash equal to int and float hash for equal
# values; comparisons with Decimal, int, float and Fraction; conversions.
from decimal import Decimal, Context, getcontext
from fractions import Fraction

for text in ["0", "-0", "123", "-1.50", "0.000001", "0.0000001", "1E+3", "1.23E-7",
             "123456789012345678901234567890", "-0E-7", "0E+2", "4.5E+9", "1000",
             "NaN", "-sNaN12", "Infinity", "-Inf", "12.34E-10", "5E-1"]:
    d = Decimal(text)
    print(text, str(d), repr(d), d.to_eng_string(), d.as_tuple())
getcontext().capitals = 0
print("capitals 0", Decimal("1E+9"), Decimal("-2.5e-8"))
getcontext().capitals = 1

for n in [0, 1, -1, 7, 10 ** 20, -(2 ** 70), 123456789]:
    print("hash int", n, hash(Decimal(n)) == hash(n), Decimal(n) == n, hash(Decimal(n) + 0) == hash(n))
for f in [0.5, -2.25, 1e-3, 3.0, 1e20]:
    d = Decimal(f)
    print("hash float", f, hash(d) == hash(f), d == f)
print("hash scaled", hash(Decimal("1.000")) == hash(1), hash(Decimal("2.50")) == hash(2.5),
      hash(Decimal("-0")) == hash(0))
print("hash inf", hash(Decimal("Inf")) == hash(float("inf")),
      hash(Decimal("-Inf")) == hash(float("-inf")))

pairs = [(Decimal("1.5"), 1), (Decimal("1.5"), 2), (Decimal("-3"), -3), (Decimal("0.1"), 0.1),
         (Decimal("0.5"), 0.5), (Decimal("2.5"), Fraction(5, 2)), (Decimal("1"), Fraction(1, 3)),
         (Decimal("1.0"), Decimal("1.00")), (Decimal("-0"), 0)]
for a, b in pairs:
    print("cmp", a, b, a == b, a != b, a < b, a <= b, a > b, a >= b, b < a, b == a)
print("sorted", sorted([Decimal("3.1"), 2, Decimal("-1"), Decimal("2.50"), 0]))
print("max min", max(Decimal("1.0"), Decimal("1")), min(Decimal("2"), Decimal("2.00")))
print("nan eq", Decimal("NaN") == Decimal("NaN"), Decimal("NaN") != 1)
try:
    Decimal("NaN") < 1
except Exception as e:
    print("nan order", type(e).__name__)

for text in ["3.75", "-3.75", "1E+3", "0.001", "-0"]:
    d = Decimal(text)
    print("convert", text, int(d), float(d), round(d), round(d, 1), d.as_integer_ratio(),
          abs(d), -d, +d, bool(d))
print("from float", Decimal(0.1), Decimal.from_float(2.5), Context(prec=5).create_decimal(0.1))
print("format", format(Decimal("1234.5678"), ".2f"), format(Decimal("1234.5678"), ",.1f"),
      "%s" % Decimal("7.10"), f"{Decimal('0.000012'):e}")
