# decimal: subnormal results, underflow, clamping, overflow under each rounding mode, and
# traps: which signal is raised. (After a trap, CPython's C decimal has set every flag of
# the operation and _pydecimal only those raised before the trapped one: not printed.)
from decimal import (Decimal, Context, ROUND_DOWN, ROUND_UP, ROUND_HALF_UP,
                     ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
                     ROUND_05UP, Inexact, Rounded, Subnormal, Underflow, Clamped, Overflow,
                     DivisionByZero, InvalidOperation, FloatOperation, localcontext)

ROUNDINGS = [ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
             ROUND_CEILING, ROUND_FLOOR, ROUND_05UP]
SIGNALS = [Clamped, DivisionByZero, Inexact, InvalidOperation, Overflow, Rounded,
           Subnormal, Underflow, FloatOperation]


def flags(ctx):
    return ",".join(s.__name__ for s in SIGNALS if ctx.flags[s]) or "-"


def run(label, ctx, f):
    ctx.clear_flags()
    try:
        result = str(f())
    except Exception as e:
        print(label, "raised", type(e).__name__)
        return
    print(label, result, flags(ctx))


small = Context(prec=5, Emin=-10, Emax=10, traps=[])
for a, b in [("1.2345E-8", "0.01"), ("9.9999E-10", "0.1"), ("1E-10", "1E-10"),
             ("5E-15", "1"), ("-7.777E-11", "3"), ("1.23456E-6", "1E-6")]:
    a, b = Decimal(a), Decimal(b)
    for rounding in ROUNDINGS:
        small.rounding = rounding
        run("sub %s*%s %s" % (a, b, rounding[6:]), small, lambda: small.multiply(a, b))
    run("sub %s+%s" % (a, b), small, lambda: small.add(a, b))
    run("sub q %s" % a, small, lambda: small.quantize(a, Decimal("1E-14")))

for rounding in ROUNDINGS:
    small.rounding = rounding
    run("overflow * " + rounding[6:], small, lambda: small.multiply(Decimal("9E+8"), 1000))
    run("overflow -* " + rounding[6:], small, lambda: small.multiply(Decimal("-9E+8"), 1000))
    run("overflow + " + rounding[6:], small,
        lambda: small.add(Decimal("9.9999E+10"), Decimal("0.00009E+10")))

clamped = Context(prec=5, Emin=-10, Emax=10, clamp=1, traps=[])
for text in ["1E+10", "12E+9", "0E+20", "0E-30", "123.45E+8", "1E-20"]:
    run("clamp plus " + text, clamped, lambda: clamped.plus(Decimal(text)))
    run("clamp q " + text, clamped, lambda: clamped.quantize(Decimal(text), Decimal("1E+6")))

# traps: the first trapped condition raises; flags set before it stay set
for trap in [Inexact, Rounded, Subnormal, Underflow, Clamped]:
    ctx = Context(prec=5, Emin=-10, Emax=10, traps=[trap])
    run("trap %s *" % trap.__name__, ctx, lambda: ctx.multiply(Decimal("1.2345E-8"), Decimal("0.01")))
    run("trap %s q" % trap.__name__, ctx, lambda: ctx.quantize(Decimal("1.23456"), Decimal("0.01")))
    run("trap %s +" % trap.__name__, ctx, lambda: ctx.add(Decimal("123456"), Decimal("0.1")))

ctx = Context(prec=9, traps=[DivisionByZero, InvalidOperation, Overflow])
run("div zero", ctx, lambda: ctx.divide(Decimal(1), Decimal(0)))
run("0/0", ctx, lambda: ctx.divide(Decimal(0), Decimal(0)))
run("inf-inf", ctx, lambda: ctx.add(Decimal("Inf"), Decimal("-Inf")))
run("snan", ctx, lambda: ctx.add(Decimal("sNaN"), 1))
run("nan", ctx, lambda: ctx.multiply(Decimal("NaN7"), 2))
run("inf*0", ctx, lambda: ctx.multiply(Decimal("-Inf"), 0))
run("quantize too long", ctx, lambda: ctx.quantize(Decimal("123456789"), Decimal("0.1")))
run("quantize inf", ctx, lambda: ctx.quantize(Decimal("Inf"), Decimal("1")))
run("overflow", ctx, lambda: ctx.power(Decimal(10), 10 ** 9))
ctx.traps[InvalidOperation] = False
run("quiet invalid", ctx, lambda: ctx.quantize(Decimal("123456789"), Decimal("0.1")))

# the thread's context and localcontext
with localcontext() as c:
    c.prec = 4
    c.traps[Inexact] = True
    c.clear_flags()
    try:
        Decimal("1.2345") + 1
    except Inexact as e:
        print("operator trap", type(e).__name__)
    c.clear_flags()
    print("exact", Decimal("1.25") + 1, flags(c))

# errors a program gets
for bad in ["abc", "1.2.3", "", "1e", "--1"]:
    try:
        Decimal(bad)
    except InvalidOperation as e:
        print("bad literal %r" % bad, type(e).__name__)
for expr in [lambda: Decimal(1) + "x", lambda: Decimal(1) * 1.5, lambda: 1.5 - Decimal(1),
             lambda: Decimal(1).quantize("1"), lambda: Decimal(1) + None]:
    try:
        expr()
    except TypeError as e:
        print("type error", type(e).__name__)
