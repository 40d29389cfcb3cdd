# WeakValueDictionary and WeakKeyDictionary: the mapping API, and entries leaving with
# their referents.
import gc
import weakref

gc.disable()


class Obj:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "Obj(%d)" % self.n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        return isinstance(other, Obj) and self.n == other.n


objs = [Obj(i) for i in range(4)]
wv = weakref.WeakValueDictionary({"a": objs[0]}, b=objs[1])
wv.update({"c": objs[2]})
wv.update(d=objs[3])
print("wv items", sorted(wv.items()))
print("wv keys iter", type(iter(wv.keys())).__name__ != "list", sorted(wv))
print("wv setdefault", wv.setdefault("a", objs[3]), wv.setdefault("z", objs[3]))
print("wv get", wv.get("nope", 5), "a" in wv, "nope" in wv)
print("wv pop", wv.pop("z"), wv.pop("zz", None))
print("wv popitem", len([wv.popitem()]), len(wv))
copied = wv.copy()
print("wv copy", type(copied).__name__, sorted(copied.items()) == sorted(wv.items()))
print("wv valuerefs", sorted(r().n for r in wv.valuerefs()) == sorted(o.n for o in wv.values()))
print("wv itervaluerefs", len(list(wv.itervaluerefs())) == len(wv))
merged = wv | {"m": objs[0]}
print("wv |", type(merged).__name__, sorted(merged))
wv |= {"n": objs[1]}
print("wv |=", sorted(wv))
print("wv == dict", wv == dict(wv) if hasattr(wv, "__eq__") else None)
del merged, copied
del objs[1]
print("after a value died", sorted(wv))
wv.clear()
print("cleared", len(wv), repr(wv).startswith("<WeakValueDictionary at"))

keys = [Obj(i) for i in range(3)]
wk = weakref.WeakKeyDictionary({keys[0]: "zero"})
wk[keys[1]] = "one"
wk.update([(keys[2], "two")])
print("wk items", sorted(wk.items(), key=lambda kv: kv[0].n))
print("wk contains", keys[0] in wk, Obj(0) in wk, Obj(9) in wk, "text" in wk)
print("wk keyrefs", sorted(r().n for r in wk.keyrefs()))
print("wk setdefault", wk.setdefault(keys[0], "x"), wk.get(keys[1]))
print("wk pop", wk.pop(keys[2]), len(wk))
del keys[0]
print("after a key died", sorted(k.n for k in wk))
merged = wk | {keys[1]: "uno"}
print("wk |", type(merged).__name__, merged[keys[1]])
try:
    wk[1] = "int keys cannot be weakly referenced"
except TypeError as e:
    print("TypeError", e)
print("repr", repr(wk).startswith("<WeakKeyDictionary at"))
