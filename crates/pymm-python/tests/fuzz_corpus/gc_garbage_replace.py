import gc
gc.garbage.append(gc.garbage)
gc.garbage = 5
gc.collect()
print('ok')
