import gc
gc.set_debug(gc.DEBUG_SAVEALL)
for i in range(10):
    a = []; a.append(a)
    del a
gc.collect()
x = gc.garbage[:]
gc.garbage.clear()
gc.set_debug(0)
print(len(x))
del x
print(gc.collect())
