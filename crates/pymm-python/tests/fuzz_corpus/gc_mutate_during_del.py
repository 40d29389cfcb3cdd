import gc
class N:
    def __del__(self):
        self.peer.peer = None
        self.peer = None
a = N(); b = N(); a.peer = b; b.peer = a
del a, b
print(gc.collect())
