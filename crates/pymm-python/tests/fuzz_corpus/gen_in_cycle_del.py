import gc
class C:
    def __del__(self):
        print('del')
def g(c):
    try:
        yield 1
    finally:
        c.gen = None
c = C()
c.gen = g(c)
next(c.gen)
del c
gc.collect()
print('ok')
