# Several conditions raised by one native operation (Inexact then Rounded, Subnormal,
# Clamped): flags set in order, a trap on the second one, traps holding non-bool values
# and a clamped subnormal result.
from decimal import (Decimal, Context, Inexact, Rounded, Subnormal, Underflow, Clamped,
                     ROUND_HALF_EVEN, ROUND_DOWN)


def flags(ctx):
    return sorted(k.__name__ for k, v in ctx.flags.items() if v)


c = Context(prec=3, rounding=ROUND_HALF_EVEN)
print(c.quantize(Decimal("1.2345"), Decimal("0.01")), flags(c))
c.clear_flags()
c.traps[Rounded] = True
try:
    c.quantize(Decimal("1.2345"), Decimal("0.01"))
except Rounded as e:
    print("Rounded trapped", type(e).__name__, flags(c))
c = Context(prec=5)
c.traps[Inexact] = 0
c.traps[Rounded] = []
print(Decimal("1.23456").quantize(Decimal("0.1"), context=c), flags(c))
c.traps[Rounded] = [1]
try:
    Decimal("1.23456").quantize(Decimal("0.1"), context=c)
except Rounded:
    print("trapped by a non-empty list", flags(c))


c = Context(prec=3, Emin=-5, Emax=5)
print(c.quantize(Decimal("1.234E-6"), Decimal("1E-7")), flags(c))
c = Context(prec=2, Emin=-3, Emax=3, clamp=1)
print(c.quantize(Decimal("0.00012"), Decimal("1E-4")), flags(c))
