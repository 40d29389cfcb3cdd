# The attributes CPython's built-in types have that dir() lists and programs call: object's
# __class__/__doc__/__dir__/__subclasshook__, int/float __round__, __reversed__ of list,
# dict and range, __getnewargs__ of str/tuple/bytes, range's start/stop/step/index/count,
# slice's start/stop/step/indices, and int.__pow__ with a modulus.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


names = ["__class__", "__doc__", "__dir__", "__subclasshook__", "__round__", "__reversed__",
         "__getnewargs__", "start", "stop", "step", "index", "count", "indices"]
for o in [1, 1.5, "s", b"b", bytearray(b"x"), [1], (1,), {1: 2}, {1}, frozenset(), range(3),
          slice(1), True, None, object(), memoryview(b""), len]:
    print(type(o).__name__, [n for n in names if n in dir(o)])

r = range(1, 10, 2)
t(lambda: (r.start, r.stop, r.step, range(5).start, range(5).step))
t(lambda: (r.index(3), r.index(9), r.count(3), r.count(4), r.count(3.0), r.index(5.0)))
t(lambda: r.index(4))
t(lambda: r.index(11))
t(lambda: range(10, 0, -3).index(4))
t(lambda: range(3).index("a"))
t(lambda: range(3).count("a"))
t(lambda: r.index())
t(lambda: list(r.__reversed__()))
t(lambda: list(range(0).__reversed__()))
t(lambda: r.__class__)
t(lambda: pow(3, 4, None))
t(lambda: pow(3.0, 4, 5))

s = slice(1, None, 2)
t(lambda: (s.start, s.stop, s.step))
t(lambda: (s.indices(10), slice(None, None, -1).indices(4), slice(-3, 100).indices(5)))
t(lambda: s.indices(-1))
t(lambda: slice(0, 1, 0).indices(3))

t(lambda: ((7).__round__(), (1234).__round__(-2), (2.567).__round__(1), (2.5).__round__()))
t(lambda: [1, 2, 3].__reversed__().__next__())
t(lambda: list({1: 2, 3: 4}.__reversed__()))


class L(list):
    pass


t(lambda: list(L([1, 2]).__reversed__()))
t(lambda: list(reversed(L([3, 4]))))


class S(str):
    pass


t(lambda: ("ab".__getnewargs__(), (1, 2).__getnewargs__(), b"x".__getnewargs__()))
t(lambda: type(S("q").__getnewargs__()[0]).__name__)
t(lambda: (int.__pow__(3, 4, 5), (2).__pow__(10, 1000), int.__pow__(3, -1, 7)))
t(lambda: int.__pow__(3, 4, 0))
t(lambda: float.__pow__(2.0, 3, 5))
t(lambda: object.__subclasshook__(int))
t(lambda: sorted(set(object().__dir__())) == sorted(set(dir(object()))))
t(lambda: object.__dict__["__class__"])
t(lambda: (1).__class__ is int and object().__class__ is object)


class A:
    pass


a = A()
a.__class__ = type("B", (A,), {})
t(lambda: type(a).__name__)
t(lambda: A.__doc__)
