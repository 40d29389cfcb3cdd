# Decimal's arithmetic, quantize and str called every way a program may call them: operators,
# the methods with positional and keyword arguments, reflected operands, subclasses, other
# contexts, other types, and what each leaves in the context's flags.
import pickle
from decimal import (Clamped, Context, Decimal, Inexact, InvalidOperation, Overflow,
                     ROUND_DOWN, ROUND_HALF_EVEN, ROUND_UP, Rounded, Subnormal, Underflow,
                     getcontext, localcontext, setcontext)

SIGNALS = [Clamped, InvalidOperation, Inexact, Overflow, Rounded, Subnormal, Underflow]


def flags(ctx):
    return [s.__name__ for s in SIGNALS if ctx.flags[s]]


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return
    print(label, type(r).__name__, r)


setcontext(Context(prec=9, rounding=ROUND_HALF_EVEN))
ctx = getcontext()
a, b = Decimal("1.23456789"), Decimal("9.87654321")
for label, f in [
    ("a+b", lambda: a + b),
    ("a-b", lambda: a - b),
    ("a*b", lambda: a * b),
    ("a*7", lambda: a * 7),
    ("7*a", lambda: 7 * a),
    ("3+a", lambda: 3 + a),
    ("a-True", lambda: a - True),
    ("a*10**30", lambda: a * 10**30),
    ("sum", lambda: sum([Decimal("0.1")] * 10)),
    ("a+1.5", lambda: a + 1.5),
    ("a*'x'", lambda: a * "x"),
    ("a+inf", lambda: a + Decimal("Infinity")),
    ("a*nan", lambda: a * Decimal("NaN")),
    ("a-a", lambda: a - a),
    ("-0+0", lambda: Decimal("-0") + Decimal("0")),
]:
    ctx.clear_flags()
    show(label, f)
    print("  flags", flags(ctx))

# the methods called directly, with positional and keyword arguments
small = Context(prec=3, rounding=ROUND_DOWN)
for label, f in [
    ("add", lambda: small.add(a, b)),
    ("subtract", lambda: small.subtract(a, b)),
    ("multiply", lambda: small.multiply(a, b)),
    ("multiply int", lambda: small.multiply(7, a)),
    ("__add__", lambda: a.__add__(b)),
    ("__radd__", lambda: a.__radd__(2)),
    ("__rmul__", lambda: a.__rmul__(2)),
    ("__sub__ str", lambda: a.__sub__("1")),
    ("quantize", lambda: a.quantize(Decimal("0.01"))),
    ("quantize up", lambda: a.quantize(Decimal("0.01"), ROUND_UP)),
    ("quantize kw", lambda: a.quantize(exp=Decimal("0.1"), rounding=ROUND_UP, context=small)),
    ("quantize int", lambda: a.quantize(1)),
    ("quantize too long", lambda: Decimal("123456789").quantize(Decimal("0.01"), context=small)),
    ("quantize no args", lambda: a.quantize()),
    ("quantize extra", lambda: a.quantize(1, None, None, None)),
    ("quantize bad kw", lambda: a.quantize(1, bogus=1)),
    ("Context.quantize", lambda: small.quantize(a, Decimal("0.001"))),
    ("Context.quantize int", lambda: small.quantize(5, Decimal("0.1"))),
    ("Context.quantize nan", lambda: small.quantize(Decimal("NaN"), 1)),
    ("Context.quantize missing", lambda: small.quantize(a)),
    ("str", lambda: str(Decimal("-1.50E+20"))),
    ("str small", lambda: str(Decimal("0.000000123"))),
    ("repr", lambda: repr(a * b)),
    ("format", lambda: format(a * b, ".3f")),
    ("percent", lambda: "%s|%r" % (a, a)),
]:
    small.clear_flags()
    show(label, f)
    print("  flags", flags(small))


# subclasses go through the Python code and get Decimals back, as in CPython
class D(Decimal):
    def __add__(self, other):
        return "D+" + str(super().__add__(other))


d = D("2.5")
show("D+1", lambda: d + 1)
show("1+D", lambda: 1 + d)
show("D*2", lambda: d * 2)
show("D.quantize", lambda: d.quantize(Decimal("1")))
show("str(D)", lambda: str(d))


# traps: the condition trapped is raised, the flags set before it stay set (only where
# _pydecimal, which raises Inexact before setting Rounded, agrees with CPython's C decimal)
trap = Context(prec=5, traps=[Rounded])
show("trap quantize", lambda: Decimal("1.23456").quantize(Decimal("0.01"), context=trap))
print("  flags", flags(trap))
trap = Context(Emin=-3, traps=[Underflow])
show("trap underflow", lambda: trap.multiply(Decimal("0.001"), Decimal("0.01")))
print("  flags", flags(trap))

# the current context is followed as it changes
with localcontext() as lc:
    lc.prec = 2
    show("local", lambda: a * b)
show("outside", lambda: a * b)
setcontext(Context(prec=4))
show("after setcontext", lambda: a + b)

# hashes, pickling and equality of the values these operations make
x = Decimal("2.50") * 2
print(x, hash(x) == hash(5), x == 5, hash(Decimal("0.5") + 0) == hash(0.5))
print(pickle.loads(pickle.dumps(a + b)), type(pickle.loads(pickle.dumps(a * 2))).__name__)
print({Decimal(5) + 0: "key"}[Decimal(5)], {Decimal("2.5"): 1}[Decimal("1.25") * 2])

# the methods themselves, and what they say when called on something else
print(Decimal.__add__.__name__, Decimal.quantize.__name__, Context.quantize.__name__)
for f in (lambda: Decimal.__add__(1, 2), lambda: Decimal.quantize(2, 1),
          lambda: Decimal.__str__(None), lambda: Context.quantize(1, 2, 3)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
