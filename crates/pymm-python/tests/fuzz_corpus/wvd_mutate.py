import weakref
class C: pass
d = weakref.WeakValueDictionary()
items = [C() for i in range(100)]
for i, v in enumerate(items):
    d[i] = v
for k in list(d.keys()):
    items.clear()
print(len(d))
