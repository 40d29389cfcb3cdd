import gc
class D:
    def __del__(self):
        gc.get_referrers(self)
        gc.get_referents(self)
a = D(); a.me = a
del a
print(gc.collect())
