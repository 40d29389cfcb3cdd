# decimal: add, sub, mul and quantize over many operands, precisions and rounding modes,
# each result with the flags it set; then division, powers and the other operations that
# round through the same code. Operands come from a fixed linear congruential sequence.
from decimal import (Decimal, Context, ROUND_DOWN, ROUND_UP, ROUND_HALF_UP,
                     ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
                     ROUND_05UP, Inexact, Rounded, Subnormal, Underflow, Clamped, Overflow,
                     DivisionByZero, InvalidOperation, FloatOperation)

ROUNDINGS = [ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
             ROUND_CEILING, ROUND_FLOOR, ROUND_05UP]
SIGNALS = [Clamped, DivisionByZero, Inexact, InvalidOperation, Overflow, Rounded,
           Subnormal, Underflow, FloatOperation]

state = 12345


def next_int(n):
    global state
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n


def operand():
    digits = "".join(str(next_int(10)) for _ in range(1 + next_int(14)))
    exp = next_int(21) - 12
    sign = "-" if next_int(3) == 0 else ""
    return Decimal("%s%sE%d" % (sign, digits, exp))


def flags(ctx):
    return ",".join(s.__name__ for s in SIGNALS if ctx.flags[s]) or "-"


def run(label, ctx, f):
    ctx.clear_flags()
    try:
        result = str(f())
    except Exception as e:
        result = type(e).__name__
    print(label, result, flags(ctx))


for i in range(160):
    prec = [1, 2, 3, 5, 9, 16, 28][next_int(7)]
    rounding = ROUNDINGS[next_int(8)]
    ctx = Context(prec=prec, rounding=rounding, Emin=-20, Emax=20, traps=[])
    a, b = operand(), operand()
    n = next_int(200000) - 100000
    tag = "%d p%d %s %s %s" % (i, prec, rounding[6:], a, b)
    run(tag + " +", ctx, lambda: ctx.add(a, b))
    run(tag + " -", ctx, lambda: ctx.subtract(a, b))
    run(tag + " *", ctx, lambda: ctx.multiply(a, b))
    run(tag + " *int %d" % n, ctx, lambda: ctx.multiply(a, n))
    run(tag + " +int %d" % n, ctx, lambda: ctx.add(a, n))
    run(tag + " q", ctx, lambda: ctx.quantize(a, Decimal("1E%d" % (next_int(9) - 5))))
    run(tag + " /", ctx, lambda: ctx.divide(a, b))
    run(tag + " //", ctx, lambda: ctx.divide_int(a, b))
    run(tag + " %", ctx, lambda: ctx.remainder(a, b))
    run(tag + " fma", ctx, lambda: ctx.fma(a, b, n))
    run(tag + " plus", ctx, lambda: ctx.plus(a))
    run(tag + " sqrt", ctx, lambda: ctx.sqrt(abs(a)))

# the operators use the thread's context
from decimal import getcontext, setcontext, localcontext
with localcontext() as ctx:
    ctx.prec = 6
    ctx.rounding = ROUND_HALF_EVEN
    ctx.clear_flags()
    x, y = Decimal("1.23456789"), Decimal("98765.4321")
    print("ops", x + y, x - y, y - x, x * y, -x * 3, 7 * x, x + 1, 2 - x, flags(ctx))
    print("quantize", y.quantize(Decimal("0.1")), x.quantize(Decimal("1e-3"), ROUND_UP),
          Decimal("2.5").quantize(Decimal("1")), Decimal("3.5").quantize(Decimal("1")))
    ctx.clear_flags()
    print("zeros", Decimal("0.000") + Decimal("-0"), Decimal("-0") + Decimal("-0.0"),
          Decimal("0E+3") * Decimal("-5"), Decimal("0") * 12, flags(ctx))
    ctx.rounding = ROUND_FLOOR
    print("floor zero", Decimal("1.5") - Decimal("1.50"), Decimal("-3") + 3)

# telco's computation: prices rounded half-even, taxes truncated
getcontext().rounding = ROUND_DOWN
banker = Context(rounding=ROUND_HALF_EVEN)
rates = [Decimal("0.0013"), Decimal("0.00894")]
two = Decimal("0.01")
total = Decimal(0)
for n in [1, 77, 123, 4567, 98765, 1234567, 8, 31]:
    p = banker.quantize(rates[n & 1] * n, two)
    b = (p * Decimal("0.0675")).quantize(two)
    t = p + b
    if n & 1:
        t += (p * Decimal("0.0341")).quantize(two)
    total += t
    print("telco", n, p, b, t)
print("telco total", total)
