# copy.copy and copy.deepcopy of instances rebuilt without __init__: slots, a dict subclass
# with attributes, a class with its own __getstate__ or __setstate__, sets, and types.
import copy
class S:
    __slots__ = ("a", "__p")
    def __init__(self): self.a = [1]; self.__p = 2
    def p(self): return self.__p
s = copy.deepcopy(S()); print(s.a, s.p())
s2 = copy.copy(S()); print(s2.a, s2.p())
class D(dict):
    pass
d = D(x=[1]); d.attr = 5; e = copy.deepcopy(d); print(e, e.attr, type(e).__name__, e['x'] is d['x'])
class G:
    def __init__(self): self.v = 1
    def __getstate__(self): return {"v": self.v * 10}
print(copy.deepcopy(G()).v, copy.copy(G()).v)
class St:
    def __setstate__(self, s): self.s = s
o = St(); o.q = 3; print(copy.deepcopy(o).s)
print(copy.deepcopy({1, 2}), copy.deepcopy(frozenset({3})), copy.deepcopy(int), copy.deepcopy(type))
