# enumerate is a type: subclassable, its instances' type, keyword arguments, pickling; an
# __iter__ that returns a non-iterator is refused.
import pickle

e = enumerate("abc", start=5)
print(type(e) is enumerate, isinstance(e, enumerate), type(e).__name__, iter(e) is e)
print(list(e))
print(list(enumerate(iterable="xy")))
for bad in [lambda: enumerate(), lambda: enumerate(x=1), lambda: enumerate([], 1, 2),
            lambda: enumerate([], start="0"), lambda: enumerate(5)]:
    try:
        bad()
    except TypeError as exc:
        print("TypeError", exc)


class MyEnum(enumerate):
    def extra(self):
        return "extra"


m = MyEnum("pq", 10)
print(type(m).__name__, isinstance(m, enumerate), m.extra(), next(m), list(m))


class Holder:
    enum = enumerate   # a type does not bind as a method


print(list(Holder().enum("ab")))

it = enumerate([10, 20, 30], 7)
next(it)
print(it.__reduce__()[0] is enumerate, it.__reduce__()[1][1])
print(list(pickle.loads(pickle.dumps(it))))
done = enumerate([1])
list(done)
print(done.__reduce__()[1][1])   # counted only for items that came


class NoNext:
    def __iter__(self):
        return self


for f in (iter, enumerate, list):
    try:
        f(NoNext())
    except TypeError as exc:
        print("TypeError", exc)
