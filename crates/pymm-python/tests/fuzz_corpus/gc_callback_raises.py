import gc
def cb(phase, info):
    raise ValueError(phase)
gc.callbacks.append(cb)
gc.collect()
print('after')
