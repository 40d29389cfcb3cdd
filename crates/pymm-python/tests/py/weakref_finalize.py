# weakref.finalize: call a function when an object dies, or earlier by hand, once.
import gc
import weakref

log = []

class Resource:
    pass

r = Resource()
f = weakref.finalize(r, log.append, "cleaned r")
print("alive:", f.alive)
del r
print("ran on death:", log, "alive:", f.alive)

s = Resource()
g = weakref.finalize(s, log.append, "cleaned s")
print("called early returns:", g())
print("log:", log)
print("second call returns:", g())
del s
print("not run again at death:", log)

t = Resource()
h = weakref.finalize(t, log.append, "never")
print("detach gives the arguments:", h.detach()[2])
del t
print("detached finalizer did not run:", log)

gc.disable()
u = Resource()
u.self = u
k = weakref.finalize(u, log.append, "cycle cleaned")
del u
print("cycle alive:", k.alive)
gc.collect()
print("after collect:", log[-1], k.alive)
gc.enable()
