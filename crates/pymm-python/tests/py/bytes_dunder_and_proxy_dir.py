# bytes() calls __bytes__, and a weak proxy lists its referent's dir() and converts like it.
import weakref
class C(object):
    def __str__(self):
        return "string"
    def __bytes__(self):
        return b"bytes"
instance = C()
print(bytes(instance))
print("__bytes__" in dir(weakref.proxy(instance)))
print(bytes(weakref.proxy(instance)))
