# Instance attributes and class attributes are references too.
import sys

class Holder:
    pass

shared = [42]
h1 = Holder()
h2 = Holder()
print("before:", sys.getrefcount(shared) - 1)
h1.value = shared
print("one attribute:", sys.getrefcount(shared) - 1)
h2.value = shared
print("two attributes:", sys.getrefcount(shared) - 1)
del h1.value
print("after del h1.value:", sys.getrefcount(shared) - 1)
del h2
print("after del h2 (instance freed):", sys.getrefcount(shared) - 1)
Holder.klass_attr = shared
print("as a class attribute:", sys.getrefcount(shared) - 1)
del Holder.klass_attr
print("class attribute removed:", sys.getrefcount(shared) - 1)
print("instance refcount:", sys.getrefcount(h1) - 1)
h1.me = h1
print("instance refers to itself:", sys.getrefcount(h1) - 1)
