# sys.getsizeof calls __sizeof__ (checked as CPython checks it) and adds the collector's links.
import sys

class Plain:
    pass

class Sized:
    def __sizeof__(self):
        return 100

class Bad:
    def __sizeof__(self):
        raise ValueError("no size")

class NotInt:
    def __sizeof__(self):
        return 4.5

class Negative:
    def __sizeof__(self):
        return -1

head = sys.getsizeof([]) - [].__sizeof__()
print("head positive", head > 0)
print("user sizeof plus head", sys.getsizeof(Sized()) >= 100 + head)
print("object.__sizeof__ of atom", sys.getsizeof(1) == (1).__sizeof__())
print("plain instance", sys.getsizeof(Plain()) >= Plain().__sizeof__() + head)
for cls in (Bad, NotInt, Negative):
    try:
        sys.getsizeof(cls())
    except Exception as e:
        print(cls.__name__, type(e).__name__, e)
sentinel = object()
print("default on TypeError", sys.getsizeof(NotInt(), sentinel) is sentinel)
try:
    sys.getsizeof(Bad(), sentinel)
except ValueError:
    print("default does not hide ValueError")
print("default keyword", sys.getsizeof(NotInt(), default=7))
try:
    {}.__sizeof__(1)
except TypeError as e:
    print("TypeError", e)
