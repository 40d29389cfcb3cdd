# Attribute and method loads on modules (`random.random()`, `math.sqrt`): the inline cache
# remembers where the name is in the module's dict, and must see every change of it.
import bisect
import heapq
import math
import sys
import types


def sqrt_of(x):
    return math.sqrt(x)


def sqrt_attr():
    return math.sqrt


# the site is warm, then the module's value is replaced in place, deleted, put back
print([sqrt_of(float(i)) for i in range(5)])
saved = math.sqrt
math.sqrt = lambda x: ("patched", x)
print(sqrt_of(9.0))
del math.sqrt
try:
    sqrt_of(9.0)
except AttributeError as e:
    print("AttributeError:", e)
try:
    sqrt_attr()
except AttributeError as e:
    print("AttributeError:", e)
math.sqrt = saved
print(sqrt_of(16.0), sqrt_attr() is saved)

# a module of Python code: names added before and after the site warms up
m = bisect
m.f = lambda: "f1"
m.v = 1


def call_f(mod):
    return mod.f()


def read_v(mod):
    return mod.v


for _ in range(3):
    print(call_f(m), read_v(m))
m.other = 2  # a new key elsewhere in the dict
print(call_f(m), read_v(m))
m.v += 10  # the value in place
print(read_v(m))
del m.other
m.f = len  # a built-in function: no self
try:
    print(call_f(m))
except TypeError as e:
    print("TypeError from len")
m.f = str.upper  # a method descriptor, given as it is (not bound to the module)
try:
    call_f(m)
except TypeError as e:
    print("TypeError:", type(e).__name__)


class Callable:
    def __call__(self):
        return "instance called"


m.f = Callable()
print(call_f(m))

# one site over several modules, and over a module and an instance
m2 = heapq
m2.f = lambda: "f2"
m2.v = 2


class HasV:
    v = "class v"

    def f(self):
        return "method f"


for obj in [m, m2, m, HasV(), m2, HasV(), m]:
    print(read_v(obj), call_f(obj) if not isinstance(obj, types.ModuleType) or obj is m2 else "-")

# a module imported afresh and the old one dropped, in a loop: a new dict may come at an
# old one's address
for i in range(30):
    sys.modules.pop("import_support.plain", None)
    import import_support.plain as t

    t.v = i
    t.f = lambda i=i: i * 2
    assert read_v(t) == i and call_f(t) == i * 2, i
    del t
print("30 fresh modules read right")

# a missing name, then the same name added
import import_support.noall as e

for attempt in range(3):
    try:
        print(read_v(e))
    except AttributeError as exc:
        print("AttributeError:", exc)
    if attempt == 1:
        e.v = "now here"

# the same module through sys.modules, a name rebound to another module
sys.modules["made"] = m
import made  # noqa: E402

print(read_v(made), made is m)


def uses_global_module():
    return made.v


print(uses_global_module())
made = m2
print(uses_global_module())
