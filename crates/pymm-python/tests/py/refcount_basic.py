# Reference counts of a list as names are bound and deleted (sys.getrefcount adds 1).
import sys

x = [1, 2, 3]
print("one name:", sys.getrefcount(x) - 1)
y = x
print("two names:", sys.getrefcount(x) - 1)
z = y
print("three names:", sys.getrefcount(x) - 1)
del y
print("after del y:", sys.getrefcount(x) - 1)
z = None
print("after z = None:", sys.getrefcount(x) - 1)
x2 = x
x = 0
print("rebinding x keeps x2's reference:", sys.getrefcount(x2) - 1)
print("x2 still intact:", x2)
