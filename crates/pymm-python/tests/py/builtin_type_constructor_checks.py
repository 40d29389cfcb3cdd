# What CPython's tests of the built-in types and of the language ask of constructors and
# class statements: list/tuple/bool refuse keywords and extra arguments, bool() checks what
# __len__ returns as len() does, float.__getformat__, class statements with *bases and
# **keywords, nonlocal in a class body (and its error when nothing binds the name).
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("kw", sorted(kw.items()), [b.__name__ for b in bases])
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class B0: pass
class B1: pass
d = {"metaclass": Meta, "x": 1}
class A(**d): pass
bases = (B0, B1)
class C(*bases, metaclass=Meta, **{"y": 2}): pass
print(type(A).__name__, C.__mro__[1].__name__)
class D(*bases): pass
print([b.__name__ for b in D.__bases__])
try:
    list(sequence=[])
except TypeError as e:
    print(e)
try:
    tuple([], [])
except TypeError as e:
    print(e)
try:
    bool(x=1)
except TypeError as e:
    print(e)
class L:
    def __len__(self):
        return -1
try:
    bool(L())
except ValueError as e:
    print(e)

def f(x):
    class c:
        nonlocal x
        x += 1
        def get(self):
            return x
    return c()

c = f(0)
print(c.get(), "x" in c.__class__.__dict__)

def g():
    y = 1
    class d:
        nonlocal y
        y = 5
        z = y * 2
    return y, d.z, sorted(k for k in vars(d) if not k.startswith("__"))
print(g())
try:
    compile("class C:\n    nonlocal q\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    compile("def h():\n    class C:\n        nonlocal q\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg)

for kind in ("double", "float", "long"):
    try:
        print(float.__getformat__(kind))
    except ValueError as e:
        print("ValueError", e)
for args in ((), (1, 2)):
    for t in (list, tuple, bool):
        try:
            print(t(*args))
        except TypeError as e:
            print("TypeError", e)

for base in (list, tuple):
    class Plain(base):
        pass

    class WithInit(base):
        def __init__(self, seq, newarg=None):
            self.newarg = newarg

    try:
        Plain(sequence=())
    except TypeError as e:
        print("TypeError", e)
    w = WithInit([1, 2], newarg=3)
    print(type(w).__name__, list(w), w.newarg)
