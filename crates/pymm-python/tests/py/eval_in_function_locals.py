# eval/exec without namespaces see the calling function's locals (CPython: the frame's
# locals() as their locals, its globals as their globals)
f = lambda z: eval("z * 2")
print(f(21))

g = 100


def outer(a, b=3):
    c = a + b
    print(eval("a + b + c + g"))
    print(eval("[i * 2 for i in range(b)]"))
    exec("print(a, b, c)")
    return eval("c")


print(outer(1))


def closure():
    x = "captured"

    def inner():
        return eval("x")  # not a free variable of inner: a global lookup fails

    try:
        return inner()
    except NameError as e:
        return str(e)


print(closure())


class K:
    y = 5
    print(eval("y + 1"))


print(eval("g + 1"))
print(eval("q", {"q": 7}))
print(eval("q + r", {"q": 7}, {"r": 1}))
ns = {}
exec("w = 3", ns)
print(ns["w"])
loc = {}
exec("v = g", None, loc)
print(loc)
try:
    eval("1", {}, 5)
except TypeError as e:
    print(e)
for f in (eval, exec):
    for bad in ((5,), ({}, 5)):
        try:
            f("1", *bad)
        except TypeError as e:
            print(e)
