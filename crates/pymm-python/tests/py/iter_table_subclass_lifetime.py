# An iterator over a dict, set or frozenset subclass instance keeps the instance alive until
# the iteration ends, then lets it go (CPython's dict and set iterators); an exhausted
# iterator stays exhausted, and a change of size is reported with CPython's words.
class S(set):
    def __del__(self):
        print("del S")


class D(dict):
    def __del__(self):
        print("del D")


class F(frozenset):
    def __del__(self):
        print("del F")


for cls, arg in ((S, [1, 2]), (D, {"a": 1}), (F, [3])):
    x = cls(arg)
    it = iter(x)
    del x
    print("held by the iterator:", cls.__name__)
    print(list(it))
    print("exhausted:", list(it))
    del it
    print("after", cls.__name__)

s = S([1, 2, 3])
it = iter(s)
next(it)
s.add(4)
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)
del it, s

d = D(a=1)
it = iter(d)
d["b"] = 2
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)
del it, d

plain = {1, 2}
it = iter(plain)
plain.discard(1)
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)

s = S([5])
it = iter(s)
print(it.__reduce__()[1])
print(next(it))
print(it.__reduce__()[1])
print(list(it), it.__reduce__()[1])
del it, s
print("end")
