import weakref
class C:
    pass
c = C()
r = weakref.ref(c, lambda ref: 1 / 0)
del c
print('alive')
