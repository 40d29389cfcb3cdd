# weakref.proxy: ProxyType, CallableProxyType, forwarding, reuse, ReferenceError.
import gc
import weakref

gc.disable()


class Box:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Box(self.v + other)

    def __iadd__(self, other):
        self.v += other
        return self

    def __len__(self):
        return self.v

    def __getitem__(self, i):
        return i * 2

    def __iter__(self):
        return iter(range(self.v))

    def __str__(self):
        return "Box(%d)" % self.v


def func(x):
    return x + 1


b = Box(3)
p = weakref.proxy(b)
print("type", type(p) is weakref.ProxyType, type(weakref.proxy(func)) is weakref.CallableProxyType)
print("reuse", weakref.proxy(b) is p, weakref.proxy(b, lambda q: None) is not p)
print("attrs", p.v, str(p), len(p), p[4], list(p), (p + 1).v)
p.v = 5
print("setattr reaches the referent", b.v)
p += 1
print("iadd", type(p).__name__, b.v)
p = weakref.proxy(b)
print("compare", p == b, p != b)
try:
    hash(p)
except TypeError as e:
    print("TypeError", e)
print("callable proxy", weakref.proxy(func)(1))
print("getweakrefcount", weakref.getweakrefcount(b), p in weakref.getweakrefs(b))
died = []
q = weakref.proxy(b, lambda proxy: died.append(type(proxy).__name__))
del b
print("callback got the proxy", died)
try:
    p.v
except ReferenceError as e:
    print("ReferenceError", e)
print("repr dead", repr(p).split()[3:5])
try:
    weakref.proxy(1)
except TypeError as e:
    print("TypeError", e)
