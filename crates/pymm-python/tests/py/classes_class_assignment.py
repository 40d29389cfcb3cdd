# obj.__class__ = Other between user classes that lay instances out alike.
class A:
    kind = "A"

    def __init__(self):
        self.x = 1
        self.y = 2

    def who(self):
        return "A.who " + str(self.x)


class B:
    kind = "B"

    def who(self):
        return "B.who " + str(self.y)


a = A()
print(type(a).__name__, a.who(), a.kind)
a.__class__ = B
print(type(a).__name__, a.who(), a.kind, a.__dict__, isinstance(a, B), isinstance(a, A))
a.z = 3
print(sorted(a.__dict__.items()))
a.__class__ = A
print(type(a).__name__, a.who(), a.z)


# A call site that saw one class keeps giving the right answers after the change.
def call_who(obj):
    return obj.who()


objs = [A() for _ in range(4)]
print([call_who(o) for o in objs])
objs[1].__class__ = B
objs[3].__class__ = B
print([call_who(o) for o in objs])
print([o.kind for o in objs])


# The old class may die once no instance holds it.
import gc
import weakref


def make_and_switch():
    class Temp:
        def __init__(self):
            self.v = 9

    t = Temp()
    ref = weakref.ref(Temp)
    t.__class__ = B
    return t, ref


t, ref = make_and_switch()
gc.collect()
print(ref() is None, type(t).__name__, t.v)


# Subclasses, __slots__, and the errors CPython raises.
class C(A):
    pass


c = C()
c.__class__ = B
print(type(c).__name__, c.who())


class S1:
    __slots__ = ("a", "b")


class S2:
    __slots__ = ("a", "b")

    def total(self):
        return self.a + self.b


class S3:
    __slots__ = ("a",)


s = S1()
s.a, s.b = 1, 2
s.__class__ = S2
print(type(s).__name__, s.total())

for obj, target in [(s, S3), (s, A), (A(), S1), (A(), int), (1, A), ([], A), (A(), object)]:
    try:
        obj.__class__ = target
    except TypeError as e:
        print("TypeError:", e)

try:
    a.__class__ = 5
except TypeError as e:
    print("TypeError:", e)


class E1(Exception):
    pass


class E2(Exception):
    pass


e = E1("msg")
e.__class__ = E2
print(type(e).__name__, e.args)
try:
    e.__class__ = A
except TypeError as err:
    print("TypeError:", err)


# Through a user __setattr__ that defers to object.__setattr__.
class Guarded:
    def __setattr__(self, name, value):
        print("setattr", name)
        object.__setattr__(self, name, value)


class Other:
    pass


g = Guarded()
g.__class__ = Other
print(type(g).__name__)
