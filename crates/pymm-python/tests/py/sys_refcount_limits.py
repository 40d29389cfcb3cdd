# sys.getrefcount on several shapes, sys.getrecursionlimit and setrecursionlimit.
import sys

class Box:
    pass

box = Box()
print("new instance:", sys.getrefcount(box) - 1)
items = [box] * 5
print("in a list five times:", sys.getrefcount(box) - 1)
items = None
print("list dropped:", sys.getrefcount(box) - 1)
fresh = []
print("a new empty list:", sys.getrefcount(fresh) - 1)
print("a temporary passed directly:", sys.getrefcount([]))
print("recursion limit:", sys.getrecursionlimit())
sys.setrecursionlimit(1500)
print("after setting 1500:", sys.getrecursionlimit())
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as err:
    print("ValueError:", err)
print("sys.maxsize is a big int:", sys.maxsize > 2 ** 31)
print("argv is a list:", type(sys.argv).__name__)
