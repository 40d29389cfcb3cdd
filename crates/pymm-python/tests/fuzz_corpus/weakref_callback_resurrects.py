import weakref
saved = []
class C:
    pass
c = C()
r = weakref.ref(c, lambda ref: saved.append(ref()))
del c
print(saved)
