import gc
class D:
    def __del__(self):
        gc.collect()
        self.peer = None
for i in range(50):
    a = D(); b = D(); a.peer = b; b.peer = a
    del a, b
gc.collect()
print('ok')
