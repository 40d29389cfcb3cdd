# dir(), vars() and locals() without an argument: the calling frame's locals (a function's
# bound variables and cells), the globals at module level.
def f(a, b=2):
    c = 3
    print(dir())
    print(sorted(vars().items()))
    print(sorted(locals()))
    print(locals() == vars(), "b" in dir())
f(1)

def cells():
    y = 5
    def inner():
        z = y
        return sorted(locals().items())
    print(inner(), sorted(locals()))
cells()
def g():
    x = 1
    def h():
        return x
    print(dir(), sorted(vars()))
g()
print([n for n in dir() if not n.startswith("__")][:5])
