import gc
gc.set_threshold(1, 1, 1)
class N:
    pass
for i in range(2000):
    a = N(); b = N(); a.b = b; b.a = a
print('done')
