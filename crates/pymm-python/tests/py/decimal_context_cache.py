# The current decimal context as the operations read it (kept between operations until
# contextvars changes it), and a context's fields read by their places in its class: every
# way the current context or its fields change, checked through the native operations
# (+, -, *, quantize, str) rather than getcontext().
import contextvars
import decimal
from decimal import Decimal, Context, getcontext, setcontext, localcontext, Inexact, Rounded

third = Decimal(1) / Decimal(3)


def show(label):
    ctx = getcontext()
    a = Decimal("1.23456789") * Decimal("9.87654321")
    b = Decimal("2.5").quantize(Decimal("1"))
    c = Decimal("123456789") + Decimal("0.000001")
    print(label, a, b, c, ctx.prec, ctx.rounding, sorted(s.__name__ for s, v in ctx.flags.items() if v))


show("default")
getcontext().prec = 5
show("prec 5")
getcontext().rounding = decimal.ROUND_UP
show("round up")

setcontext(Context(prec=3, rounding=decimal.ROUND_DOWN))
show("setcontext")

with localcontext() as ctx:
    ctx.prec = 12
    show("local")
    with localcontext(Context(prec=2)):
        show("nested local")
    show("local again")
show("after local")

# a context set inside Context.run stays there
def inside():
    setcontext(Context(prec=4, rounding=decimal.ROUND_CEILING))
    show("in run")
    return getcontext()

inner = contextvars.copy_context().run(inside)
show("after run")
print("inner kept", inner.prec)
other = contextvars.copy_context()
other.run(lambda: show("copied context"))
other.run(lambda: (getcontext().__setattr__("prec", 7), show("copied, prec 7")))
show("outer shares the context object")

# another context variable set and reset leaves decimal's alone
var = contextvars.ContextVar("other")
token = var.set(Context(prec=6))
show("other var set")
var.reset(token)
show("other var reset")

# flags land on the current context, not a cached one
first = Context(prec=3)
second = Context(prec=3)
setcontext(first)
Decimal(1) + third
setcontext(second)
Decimal(2) * Decimal(3)
print("first flags", bool(first.flags[Inexact]), bool(first.flags[Rounded]))
print("second flags", bool(second.flags[Inexact]), bool(second.flags[Rounded]))


# a Context subclass with attributes of its own (its values elsewhere than Context's)
class Tagged(Context):
    def __init__(self, tag, **kwargs):
        self.tag = tag
        self.note = [tag]
        super().__init__(**kwargs)

    def __del__(self):
        print("deleting", self.tag)


plain = Context(prec=4, rounding=decimal.ROUND_HALF_UP)
tagged = Tagged("t", prec=6, rounding=decimal.ROUND_FLOOR)
for ctx in [plain, tagged, plain, tagged]:
    print(type(ctx).__name__, ctx.quantize(Decimal("-2.55"), Decimal("0.1")),
          Decimal("-7.777").quantize(Decimal("0.01"), context=ctx),
          ctx.add(Decimal("1.0000005"), Decimal("2")),
          ctx.multiply(Decimal("3.14159"), Decimal("2.71828")))
print("tagged flags", sorted(s.__name__ for s, v in tagged.flags.items() if v))

# the current context dies when it is replaced, not when the next operation runs
setcontext(Tagged("current", prec=5))
show("tagged current")
print("replacing")
setcontext(Context(prec=9))
print("replaced")
show("after replacing")
del tagged
print("tagged gone")

# a context whose __dict__ has been made (a subclass's: pymm's values then live in it)
ctx = Tagged("dict", prec=8)
print(sorted(k for k in vars(ctx) if k in ("tag", "note")))
ctx.prec = 3
ctx.rounding = decimal.ROUND_UP
print("dict prec", Decimal("1.23456").quantize(Decimal("0.1"), context=ctx),
      ctx.multiply(Decimal("1.23456"), Decimal("1")), ctx.prec)
setcontext(ctx)
show("dict context")
del ctx
setcontext(Context())

# fields changed between operations on the same context
ctx = Context(prec=10)
setcontext(ctx)
for prec in (10, 4, 2, 28):
    ctx.prec = prec
    print("prec", prec, Decimal(2) * third, third + third)
ctx.traps[Inexact] = True
try:
    third + Decimal(1)
except Inexact as exc:
    print("trapped", type(exc).__name__)
ctx.traps[Inexact] = False
ctx.clamp = 1
ctx.Emax = 5
ctx.Emin = -5
print("clamped", Decimal("1.2E+3") * Decimal(1), Decimal("12") * Decimal("1E+4"))
ctx.clamp = 0
ctx.Emax = 999
ctx.Emin = -999
ctx.capitals = 0
print("capitals", str(Decimal("1.5E+20") * Decimal(1)), str(Decimal("1E-20") * Decimal(1)))
