# Decimal arithmetic whose coefficients sit at the edges of the machine integers the native
# methods compute with (u64: 19-20 digits, u128: 38-39 digits), with every rounding mode,
# contexts at their exponent limits, negative zeros, flags and traps, and subclasses.
from decimal import (
    Decimal, Context, localcontext, getcontext,
    ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
    ROUND_CEILING, ROUND_FLOOR, ROUND_05UP,
    Inexact, Rounded, Subnormal, Underflow, Clamped, Overflow, InvalidOperation,
)

MODES = [ROUND_DOWN, ROUND_UP, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,
         ROUND_CEILING, ROUND_FLOOR, ROUND_05UP]
SIGNALS = [Clamped, Underflow, Subnormal, Inexact, Rounded, Overflow, InvalidOperation]


def flags(ctx):
    return [s.__name__ for s in SIGNALS if ctx.flags[s]]


def edge_values():
    out = []
    for digits in (18, 19, 20, 37, 38, 39, 40):
        out.append("9" * digits)
        out.append("1" + "0" * (digits - 1))
        out.append("5" * digits)
        out.append("4" * (digits - 1) + "5")
    out += [str(2**64 - 1), str(2**64), str(2**64 + 1), str(2**128 - 1), str(2**128)]
    out += ["0", "-0", "0.000", "-0E+5", "1", "-1", "0.5", "2.5", "-2.5", "0.05", "1E-7"]
    return out


def show(label, ctx, thunk):
    ctx.clear_flags()
    try:
        r = thunk()
        print(label, str(r), repr(r) if isinstance(r, Decimal) else "", flags(ctx))
    except Exception as e:
        # (C _decimal sets every flag of the operation before raising; _pydecimal, the
        # flags up to the trapped one: only the exception is compared)
        print(label, "raises", type(e).__name__)


values = [Decimal(v) for v in edge_values()]
scaled = [v.scaleb(e) for v in values[:12] for e in (-20, -3, 7)]

for prec in (9, 19, 28, 38, 39):
    for mode in MODES:
        ctx = Context(prec=prec, rounding=mode, traps=[])
        for i, a in enumerate(values):
            b = values[(i * 7 + 3) % len(values)]
            show(f"p{prec} {mode} {a} + {b}", ctx, lambda: ctx.add(a, b))
            show(f"p{prec} {mode} {a} - {b}", ctx, lambda: ctx.subtract(a, b))
            show(f"p{prec} {mode} {a} * {b}", ctx, lambda: ctx.multiply(a, b))
        for a in scaled:
            show(f"p{prec} {mode} q {a}", ctx, lambda: a.quantize(Decimal("0.01"), context=ctx))
            show(f"p{prec} {mode} plus {a}", ctx, lambda: ctx.plus(a))

# the operators, under the current context, with ints of every size as the other operand
with localcontext() as ctx:
    ctx.prec = 38
    ctx.traps[Inexact] = False
    for n in (0, 1, -1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**127, 2**128, -(2**100), True):
        for d in (Decimal("1.5"), Decimal("-0"), Decimal("9" * 38), Decimal("0.0013")):
            show(f"{d} * {n}", ctx, lambda: d * n)
            show(f"{n} * {d}", ctx, lambda: n * d)
            show(f"{d} + {n}", ctx, lambda: d + n)
            show(f"{n} + {d}", ctx, lambda: n + d)
            show(f"{d} - {n}", ctx, lambda: d - n)

# negative zeros: the sign of a zero sum under ROUND_FLOOR and the others
for mode in MODES:
    ctx = Context(rounding=mode)
    for a, b in [("0", "-0"), ("-0", "-0"), ("1.5", "-1.50"), ("-0.00", "0E+3"), ("-5", "5")]:
        show(f"{mode} {a}+{b}", ctx, lambda: ctx.add(Decimal(a), Decimal(b)))
        show(f"{mode} {a}*{b}", ctx, lambda: ctx.multiply(Decimal(a), Decimal(b)))

# exponents at the context's limits: subnormals, underflow to zero, clamping, overflow
for clamp in (0, 1):
    for mode in (ROUND_HALF_EVEN, ROUND_UP, ROUND_DOWN):
        ctx = Context(prec=5, Emin=-10, Emax=10, clamp=clamp, rounding=mode, traps=[])
        for s in ("1.2345E-10", "9.9999E-11", "1.5E-15", "5E-15", "4.9E-15", "12345678901234567890E-30",
                  "9.9999E+10", "99999.5E+6", "1E+10", "1E+6", "123E+8", "0E+20", "-0E-30",
                  "18446744073709551615E-20", "340282366920938463463374607431768211455E-40"):
            d = Decimal(s)
            show(f"c{clamp} {mode} plus {s}", ctx, lambda: ctx.plus(d))
            show(f"c{clamp} {mode} *3 {s}", ctx, lambda: ctx.multiply(d, Decimal(3)))
            show(f"c{clamp} {mode} +tiny {s}", ctx, lambda: ctx.add(d, Decimal("1E-14")))
            show(f"c{clamp} {mode} q {s}", ctx, lambda: ctx.quantize(d, Decimal("1E-12")))

# traps: the first trapped condition raises, the flags before it are set
for trap in (Inexact, Rounded, Subnormal, Underflow, Clamped):
    ctx = Context(prec=5, Emin=-10, Emax=10, clamp=1, traps=[trap])
    for s in ("1.23456", "1.2340E-12", "1E+10", "123456789012345678901"):
        d = Decimal(s)
        show(f"trap {trap.__name__} plus {s}", ctx, lambda: ctx.plus(d))
        show(f"trap {trap.__name__} q {s}", ctx, lambda: d.quantize(Decimal("0.1"), context=ctx))
        show(f"trap {trap.__name__} * {s}", ctx, lambda: ctx.multiply(d, Decimal("1.000001")))


# a subclass's operands and results
class D(Decimal):
    pass


with localcontext() as ctx:
    ctx.prec = 20
    for a, b in [(D("18446744073709551615"), Decimal(2)), (Decimal("1.5"), D("2.25")),
                 (D("9" * 38), D("1"))]:
        for name, r in [("+", lambda: a + b), ("*", lambda: a * b), ("-", lambda: b - a),
                        ("q", lambda: a.quantize(Decimal("1E+3"))), ("str", lambda: str(a))]:
            show(name, ctx, lambda: (type(r()).__name__, r()))

# str() of coefficients at the edges, scientific and engineering
for v in values + scaled:
    print(str(v), v.to_eng_string(), str(-v), hash(v) == hash(Decimal(str(v))))
for n in (2**64 - 1, 2**64, 10**38 - 1, 10**38, 2**128):
    d = Decimal(n)
    print(n, str(d), hash(d) == hash(n), d == n, str(d * 1), str(+d))
