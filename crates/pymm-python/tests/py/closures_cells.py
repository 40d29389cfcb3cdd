# Closure cells are shared objects: they keep captured values alive.
import sys

class Tracked:
    def __del__(self):
        print("tracked freed")

def capture():
    obj = Tracked()
    def use():
        return obj
    return use

f = capture()
print("captured object alive:", type(f()).__name__)
print("closure has one cell:", len(f.__closure__))
print("the cell holds the object:", f.__closure__[0].cell_contents is f())
del f
print("after del f")

def make_pair():
    data = [0]
    def write(v):
        data[0] = v
    def read():
        return data[0]
    return write, read

w, r = make_pair()
w(42)
print("shared through the cell:", r())
print("no closure on plain functions:", make_pair.__closure__)
lst = [1, 2]
def holds():
    return lst
print("globals are not captured:", holds.__closure__)
g = (lambda y: (lambda: y))([9])
print("lambda closures:", g())
print("refcount of a captured list:", sys.getrefcount(g()) - 1)
