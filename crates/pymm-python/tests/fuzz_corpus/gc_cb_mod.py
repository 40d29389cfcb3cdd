import gc
def cb(p, i):
    gc.callbacks.clear()
    gc.callbacks.append(cb)
    gc.callbacks.append(cb)
gc.callbacks.append(cb)
for i in range(5):
    gc.collect()
print(len(gc.callbacks))
