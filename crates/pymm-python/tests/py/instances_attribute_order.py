# Instance attributes: values inline in key order, any other order kept, deletions, many names, __slots__.
import gc
class C: pass
x=C(); x.a=1; x.b=2
y=C(); y.b=1; y.a=2
print(vars(y), vars(x))
z=C(); z.a=1; z.b=2; z.c=3; del z.b; z.b=5; print(vars(z)); del z.a; print(z.__dict__, hasattr(z,'a'))
w=C()
for i in range(40): setattr(w, "k%d" % i, i)
print(len(vars(w)), w.k39, list(vars(w))[:3])
class S:
    __slots__ = ("p", "q")
s=S(); s.q=1
print(hasattr(s,'p'), s.q)
try: s.r = 1
except AttributeError as e: print("AttributeError", e)
del s.q
try: s.q
except AttributeError as e: print("AttributeError", e)
class D: pass
ds=[D() for i in range(3)]
a=D(); a.q=a
del a
print(gc.collect())
v = C(); v.zz = 1; v.a = 3; print(vars(v), [n for n in dir(v) if not n.startswith("__")])
