# Reference counts and immediate reclamation, as the seed article's section 3.1 describes.
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


x = [1, 2, 3]
print("getrefcount(x) at module level:", sys.getrefcount(x))


def in_function():
    y = [1, 2, 3]
    return sys.getrefcount(y)


print("getrefcount(y) in a function:", in_function())
a = Noisy("a")
b = a
del a
print("still referenced by b")
del b
print("after del b")
