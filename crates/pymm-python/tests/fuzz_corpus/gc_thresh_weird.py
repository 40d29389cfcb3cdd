import gc
gc.set_threshold(2**40, -1, 0)
for i in range(1000):
    a = []; a.append(a)
print(gc.get_threshold())
gc.set_threshold(2**100)
