# WeakValueDictionary drops an entry when its value dies.
import gc
import weakref

class Item:
    def __init__(self, name):
        self.name = name

cache = weakref.WeakValueDictionary()
a = Item("a")
b = Item("b")
cache["a"] = a
cache["b"] = b
print("length:", len(cache))
print("lookup:", cache["a"].name)
print("in:", "a" in cache, "z" in cache)
del a
print("after del a:", len(cache), "a" in cache)
print("keys:", sorted(cache.keys()))
print("get missing:", cache.get("a"))
try:
    cache["a"]
except KeyError as err:
    print("KeyError:", err)
gc.disable()
c = Item("c")
c.self = c
cache["c"] = c
del c
print("cycle value still cached:", "c" in cache)
gc.collect()
print("collected value gone:", "c" in cache)
gc.enable()
del cache["b"]
print("explicit del:", len(cache))
