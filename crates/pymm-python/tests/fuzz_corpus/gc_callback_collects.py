import gc
def cb(phase, info):
    gc.collect()
gc.callbacks.append(cb)
gc.collect()
print('after')
