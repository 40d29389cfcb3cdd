import weakref, gc
class C: pass
def cb(r):
    gc.collect()
    gc.get_objects()
for i in range(100):
    c = C(); c.s = c
    r = weakref.ref(c, cb)
    del c
    gc.collect()
print('ok')
