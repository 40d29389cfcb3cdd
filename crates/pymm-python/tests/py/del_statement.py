# del on names, items, slices and attributes.
x = 1
del x
try:
    x
except NameError as err:
    print("NameError:", err)
xs = [0, 1, 2, 3, 4]
del xs[0]
del xs[-1]
print("del items:", xs)
del xs[:]
print("del all:", xs)
d = {"a": 1, "b": 2}
del d["a"]
print("del key:", d)
try:
    del d["zzz"]
except KeyError as err:
    print("KeyError:", err)
class C:
    pass
c = C()
c.attr = 5
del c.attr
print("del attribute:", hasattr(c, "attr"))
a, b = 1, 2
del a, b
print("del two names: ok")
def local_del():
    y = [1]
    del y
    try:
        return y
    except UnboundLocalError:
        return "unbound after del"
print(local_del())
