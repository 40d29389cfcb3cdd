# weakref.finalize: positional-only first parameters, peek/detach/alive/atexit, order.
import gc
import weakref

gc.disable()


class Res:
    pass


log = []


def record(*args, **kwargs):
    log.append((args, kwargs))


r = Res()
f = weakref.finalize(r, record, "obj", func="a keyword named func")
print("alive", f.alive, f.atexit, f.peek()[1] is record)
g = weakref.finalize(r, lambda *a, **k: log.append((a, k)), 1, obj=2)
print("kwargs named obj/func pass through", g.peek()[3])
try:
    weakref.finalize(r)
except TypeError:
    print("TypeError without func")
try:
    weakref.finalize(obj=r, func=print)
except TypeError:
    print("TypeError for keyword obj")
d = weakref.finalize(r, log.append, "detached")
print("detach", d.detach()[2], d.alive, d.detach())
del r
print("log", log, f.alive, f(), f.peek())
