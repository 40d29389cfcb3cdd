# Assignments to a function's __defaults__, __kwdefaults__ and __code__ take effect on the
# next call, on every call path (plain, method, keywords, generator); bad values raise
# CPython's errors; __dict__, __doc__ and the read-only attributes behave as CPython's.
def first(a, b):
    return a + b
first.__defaults__ = (1, 2)
print(first(), first(3), first(3, 5))
def second(a=1, b=2):
    return a + b
del second.__defaults__
print(second.__defaults__)
try:
    second()
except TypeError as e:
    print("TypeError", e)
def g(x, y=10):
    return x * y
for i in range(3):
    print(g(i))
    g.__defaults__ = (i + 100,)
print(g.__defaults__ is g.__defaults__)
def many(a):
    return a
many.__defaults__ = (1, 2, 3)
print(many())
def kw(*, k):
    return k
print(kw.__kwdefaults__)
kw.__kwdefaults__ = {"k": 5}
print(kw(), kw.__kwdefaults__)
for bad in ("abc", [1], 7):
    for name in ("__defaults__", "__kwdefaults__", "__code__", "__name__", "__qualname__"):
        try:
            setattr(g, name, bad)
        except (TypeError, ValueError) as e:
            print(name, type(e).__name__, e)
def a(): return 1
def b(): return 2
a.__code__ = b.__code__
print(a(), a.__name__)
n = 7
def c(): return n
def outer():
    m = 8
    def d(): return m
    return d
d = outer()
try:
    d.__code__ = c.__code__
except ValueError as e:
    print("ValueError", e)
class K:
    def meth(self, x=1):
        return x
K.meth.__defaults__ = (42,)
print(K().meth())
for name in ("__globals__", "__closure__", "__builtins__"):
    try:
        setattr(g, name, 2)
    except AttributeError as e:
        print(name, "AttributeError", e)
try:
    del g.__dict__
except TypeError as e:
    print("TypeError", e)
g.__dict__ = {"known": 1}
print(g.known, g.__dict__)
try:
    g.__dict__ = None
except TypeError as e:
    print("TypeError", e)
g.__doc__ = "doc"
del g.__doc__
print(g.__doc__)
print(g.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else g.__builtins__ is __builtins__)


def kwcall(a, b=1, c=2):
    return (a, b, c)


for i in range(3):
    print(kwcall(0, c=9), kwcall(a=5))
    kwcall.__defaults__ = (i * 10, i * 20)


def gen_src(n):
    yield n
    yield n + 1


def plain(n):
    return n


plain.__code__ = gen_src.__code__
print(list(plain(3)), plain.__name__)


class Point:
    def norm(self, scale=1):
        return scale


p = Point()
results = []
for i in range(4):
    results.append(p.norm())
    Point.norm.__defaults__ = (i + 2,)
print(results)


def make_adder(x):
    return lambda: x + 1


for run in (eval, lambda code: exec(code, {})):
    try:
        run(make_adder(3).__code__)
    except TypeError as e:
        print("TypeError", e)
