# weakref.ref does not keep its referent alive; calling a dead ref gives None.
import sys
import weakref

class Thing:
    def __init__(self, name):
        self.name = name

t = Thing("t")
r = weakref.ref(t)
print("ref alive gives the object:", r() is t)
print("name through the ref:", r().name)
print("refcount unchanged by the weak ref:", sys.getrefcount(t) - 1)
r2 = weakref.ref(t)
print("two refs without callbacks are the same object:", r is r2)
print("getweakrefcount:", weakref.getweakrefcount(t))
del t
print("after del, ref gives None:", r() is None)
print("both refs dead:", r() is None, r2() is None)
try:
    weakref.ref(5)
except TypeError as err:
    print("ints cannot be weakly referenced:", type(err).__name__)
try:
    weakref.ref([1])
except TypeError as err:
    print("neither can lists:", type(err).__name__)

def f():
    return 1

rf = weakref.ref(f)
print("functions can:", rf() is f)
rc = weakref.ref(Thing)
print("classes can:", rc() is Thing)
print("a dead ref compares equal only to itself:", r == r, r == weakref.ref(Thing))
