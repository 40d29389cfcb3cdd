# Built-ins called from the eval loop read their arguments where they are on the value
# stack: the same results and errors as any other call, shadowing by globals, methods of
# built-in types through LOAD_METHOD, and the built-ins that need the calling frame.
import sys


def lens(xs):
    return [len(x) for x in xs]


print("len:", lens([[1, 2], "abc", (), {1: 2}, range(5), b"xy"]))
try:
    len(obj=[1])
except TypeError as e:
    print("len keyword:", e)
try:
    len(5)
except TypeError as e:
    print("len(5):", e)


def checks(x):
    return (isinstance(x, int), isinstance(x, (str, list)), id(x) == id(x), callable(x))


print("isinstance:", checks(3), checks("s"), checks(len))


class A:
    b = 2

    def __init__(self):
        self.a = 1


def get(o):
    return getattr(o, "a"), getattr(o, "b"), getattr(o, "c", "default")


print("getattr:", get(A()))
try:
    getattr(A(), "c")
except AttributeError as e:
    print("getattr missing:", e)


# a global shadows the built-in after the site ran, and goes away again
def use_len():
    return len([1, 2, 3])


print("builtin len:", use_len())
len = lambda x: "shadowed"
print("global len:", use_len())
del len
print("builtin again:", use_len())

import builtins

real_abs = builtins.abs
builtins.abs = lambda x: "patched builtins"


def use_abs():
    return abs(-3)


print("patched:", use_abs())
builtins.abs = real_abs
print("restored:", use_abs())


# methods of built-in types: arity errors, keywords, subclasses
def appends(lst, n):
    for i in range(n):
        lst.append(i)
    return lst


print("append:", appends([], 4))


class MyList(list):
    def append(self, v):
        list.append(self, v * 10)


print("subclass append:", appends(MyList(), 3))
for call in [lambda: [].append(), lambda: [].append(1, 2), lambda: [].append(x=1),
             lambda: {}.get(), lambda: "a".upper(1)]:
    try:
        call()
    except TypeError as e:
        print("method error:", e)
print("dict.get:", {1: 2}.get(1), {1: 2}.get(3, "d"), "x,y".split(","), "x y".split(maxsplit=1))


# built-ins that read the calling frame keep reading it
def frame_readers(a):
    b = a + 1
    names = sorted(locals())
    here = sys._getframe().f_code.co_name
    caller = sys._getframe(1).f_code.co_name
    return names, here, caller, "frame_readers" in globals(), sorted(dir())[:3], vars()["b"]


def outer():
    return frame_readers(1)


print("frame readers:", outer())
print("eval:", eval("frame_readers(2)[0]"))


# a built-in raising, inside try blocks, in a loop
def sums(items):
    out = []
    for it in items:
        try:
            out.append(sum(it))
        except TypeError as e:
            out.append(str(e))
    return out


print("sum:", sums([[1, 2], ["a"], (3,), [1.5, 2]]))


# a built-in that calls back into Python (key functions, __len__, __index__)
class Sized:
    def __len__(self):
        return 7


class Bad:
    def __len__(self):
        raise ValueError("no length")


print("sorted/max:", sorted([3, 1, 2], key=lambda v: -v), max([1, 5, 2], key=abs), len(Sized()))
try:
    len(Bad())
except ValueError as e:
    print("__len__ raised:", e)
print("map/min:", list(map(len, ["a", "bb"])), min(3, 1, 2), divmod(7, 2), round(2.567, 2))
