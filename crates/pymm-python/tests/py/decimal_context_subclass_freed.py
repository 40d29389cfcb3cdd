# A Context subclass used as the current context is freed once the program drops it: the
# native methods' cached layout of a context class holds no subclass.
import decimal
import gc
import weakref


class Ctx(decimal.Context):
    pass


ctx = Ctx(prec=5)
decimal.setcontext(ctx)
a = decimal.Decimal("1.23456789")
b = decimal.Decimal("2.5")
print(a + b, a * b, (a * b).quantize(decimal.Decimal("0.01")))
decimal.setcontext(decimal.Context())

alive = weakref.ref(Ctx)
del ctx, Ctx
gc.collect()
print("subclass freed:", alive() is None)
