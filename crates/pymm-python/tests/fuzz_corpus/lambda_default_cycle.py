import gc
f = lambda f=None: f
f.__defaults__ = (f,)
del f
print(gc.collect())
