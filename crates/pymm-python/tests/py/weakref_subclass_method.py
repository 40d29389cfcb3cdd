# Subclasses of weakref.ref, __callback__, getweakrefs, WeakMethod.
import gc
import weakref

gc.disable()


class C:
    def method(self):
        return "called"


class MyRef(weakref.ref):
    __slots__ = ("label",)

    def __init__(self, ob, callback=None, label="x"):
        super().__init__(ob, callback)
        self.label = label


seen = []
o = C()
plain = weakref.ref(o)
mine = MyRef(o, lambda r: seen.append(("mine died", r.label, type(r).__name__)), label="L")
print("subclass", isinstance(mine, weakref.ref), type(mine).__name__, mine.label)
print("calls", mine() is o, plain() is o, mine is not plain)
print("equal", mine == plain, hash(mine) == hash(plain))
print("reuse", weakref.ref(o) is plain, MyRef(o) is not MyRef(o))
print("getweakrefs", weakref.getweakrefs(o)[0] is plain, mine in weakref.getweakrefs(o))
print("count", weakref.getweakrefcount(o))
print("__callback__", plain.__callback__, mine.__callback__ is not None)
try:
    plain.__callback__ = None
except AttributeError:
    print("__callback__ is read-only")
print("ReferenceType", weakref.ReferenceType is weakref.ref,
      weakref.ReferenceType.__module__, weakref.ReferenceType.__name__)
del o
print("after death", seen, mine(), plain())

c = C()
wm = weakref.WeakMethod(c.method, lambda r: seen.append("method died"))
print("WeakMethod", wm()(), isinstance(wm, weakref.ref), wm == weakref.WeakMethod(c.method))
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError", e)
del c
print("WeakMethod dead", wm(), seen[-1])

print("bound methods equal", C().method != C().method)
x = C()
print("same self", x.method == x.method, hash(x.method) == hash(x.method))
calls = [x.method]
calls.remove(x.method)
print("removed by equality", calls)
print("builtin methods", [].append != [].append, (lambda l: l.append == l.append)([]))
