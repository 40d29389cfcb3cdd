import gc
for i in range(100):
    gc.freeze()
    x = [[] for _ in range(100)]
gc.unfreeze()
print(gc.collect() >= 0)
