import weakref, gc
class C: pass
c = C()
f = weakref.finalize(c, lambda: c)
del c
gc.collect()
print(f.alive)
