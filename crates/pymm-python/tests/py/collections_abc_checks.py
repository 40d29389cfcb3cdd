# collections.abc: isinstance/issubclass on built-in and user types, the mixin methods,
# abstract methods refused at instantiation, registration.
import collections.abc as cabc
from collections.abc import *
import collections
print(collections.abc is cabc)
vals = [[], (), "", {}, set(), frozenset(), range(3), b"", iter([]), (x for x in []), len, lambda: 0, 1, 1.5, None, object(), type]
names = ["Iterable", "Iterator", "Generator", "Sized", "Container", "Collection", "Sequence", "MutableSequence", "Mapping", "MutableMapping", "Set", "MutableSet", "Callable", "Hashable", "Reversible", "MappingView"]
labels = ["list", "tuple", "str", "dict", "set", "frozenset", "range", "bytes", "list iterator",
          "generator", "builtin", "function", "int", "float", "None", "object", "type"]
for label, v in zip(labels, vals):
    print(label, "".join("1" if isinstance(v, getattr(cabc, n)) else "0" for n in names))
class My(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
m = My({"a": 1, "b": 2})
print(m.get("a"), m.get("z", 9), "a" in m, list(m.keys()), list(m.items()), list(m.values()), m == {"a": 1, "b": 2})
print(isinstance(m, Mapping), isinstance(m, MutableMapping), issubclass(My, Collection), issubclass(dict, Mapping))
try:
    class Bad(Sequence): pass
    Bad()
except TypeError as e:
    print(e)
class Seq(Sequence):
    def __getitem__(self, i): return [1,2,3][i]
    def __len__(self): return 3
s = Seq()
print(list(s), 2 in s, list(reversed(s)), s.index(3), s.count(1))
class Sized2:
    def __len__(self): return 0
print(isinstance(Sized2(), Sized), issubclass(Sized2, Iterable))
class HashNone:
    __hash__ = None
print(isinstance(HashNone(), Hashable), isinstance([], Hashable))
class Registered:
    pass
print("before register:", isinstance(Registered(), Sequence))
Sequence.register(Registered)
print("after register:", isinstance(Registered(), Sequence), issubclass(Registered, Iterable))
print("decorator form:", MutableMapping.register(Registered) is Registered)
class MySet(Set):
    def __init__(self, items): self.items = list(items)
    def __contains__(self, x): return x in self.items
    def __iter__(self): return iter(self.items)
    def __len__(self): return len(self.items)
a, b = MySet([1, 2, 3]), MySet([2, 3, 4])
print("set mixins:", sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= b, MySet([2]) < a, a == MySet([3, 2, 1]))
