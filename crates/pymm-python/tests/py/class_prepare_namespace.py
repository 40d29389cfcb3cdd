# The class statement asks the metaclass's __prepare__ for the namespace the body runs in
# (PEP 3115): any mapping, whose __setitem__/__getitem__/__delitem__ see every name the
# body stores, reads and deletes.
import collections

class Recording(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        self.order.append(key)
        super().__setitem__(key, value)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", mcls.__name__, name, [b.__name__ for b in bases], kw)
        ns = Recording()
        ns["injected"] = 7
        return ns
    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, type(ns).__name__, [k for k in ns.order if not k.startswith("__")], kw)
        return super().__new__(mcls, name, bases, dict(ns))
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)

class A(metaclass=Meta, flag=True):
    x = injected + 1
    def f(self): return self.x
    y = x * 2
    del y
print(A.x, A().f(), hasattr(A, "y"), A.__qualname__, A.__module__, type(A).__name__)

class B(A):  # the metaclass is inherited, __prepare__ with it
    z = injected
print(B.z, type(B).__name__)

# a plain-mapping namespace (not a dict): the body's reads and writes go through it
class Mapping:
    def __init__(self): self.data = {}
    def __getitem__(self, k): return self.data[k]
    def __setitem__(self, k, v): print("set", k); self.data[k] = v
    def __delitem__(self, k): print("del", k); del self.data[k]
class M2(type):
    @classmethod
    def __prepare__(mcls, name, bases): return Mapping()
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, ns.data)
class C(metaclass=M2):
    a = 1
    b = a + 1
    del a
    try:
        del missing
    except NameError as e:
        print("NameError", e)
print(C.b, hasattr(C, "a"))

# errors: __prepare__ giving no mapping, type.__new__ given no dict
class Bad(type):
    @classmethod
    def __prepare__(mcls, name, bases): return 5
try:
    class D(metaclass=Bad): pass
except TypeError as e:
    print("TypeError:", e)
class M3(type):
    @classmethod
    def __prepare__(mcls, name, bases): return Mapping()
try:
    class E(metaclass=M3):
        q = 1
except TypeError as e:
    print("TypeError:", e)

# a function as the metaclass: called as it is, bases or not
def meta_func(name, bases, ns, **kw):
    print("meta_func", name, sorted(k for k in ns if not k.startswith("__")), kw)
    return 42
class F(A, metaclass=meta_func, k=1):
    v = 1
print(F)

# OrderedDict-style namespace and __init_subclass__ keywords still reach the class
class Base:
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
class G(Base, tag="t"):
    pass
print(G.tag)
class OM(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw): return collections.OrderedDict()
class H(metaclass=OM):
    b = 1
    a = 2
print([k for k in H.__dict__ if not k.startswith("__")])

# typing generics (PEP 560 __mro_entries__) keep __orig_bases__
import typing
T = typing.TypeVar("T")
class Box(typing.Generic[T]):
    pass
print(Box.__orig_bases__, Box.__mro__[1:])

# a class without a docstring gets its own __doc__ = None when it is made, not in its body
class WithDoc:
    "the doc"
class NoDoc(WithDoc):
    seen = "__doc__" in dir()
print(WithDoc.__doc__, NoDoc.__doc__, NoDoc.seen, "__doc__" in NoDoc.__dict__)
