# A polymorphic attribute site picks the way stored for the receiver's class under the
# current class version: ways stored before a class changed, ways of other classes, two
# ways of one class (an instance value, and the class attribute when the instance has
# none), built-in receivers beside instances, and an instance whose class is reassigned.
import traceback


class A:
    x = "A.x"

    def m(self):
        return "A.m"


class B:
    def __init__(self):
        self.x = "B().x"

    def m(self):
        return "B.m"


class C(A):
    def m(self):
        return "C.m " + super().m()


class Lst(list):
    def copy(self):
        return "Lst.copy"


def read_x(objs):
    out = []
    for o in objs:
        try:
            out.append(o.x)
        except AttributeError as e:
            out.append("AttributeError: " + str(e))
    return out


def call_m(objs):
    return [o.m() for o in objs]


def copies(objs):
    return [o.copy() for o in objs]


def set_x(objs, v):
    for o in objs:
        o.x = v


a1, a2 = A(), A()
a2.x = "a2 own"
objs = [a1, a2, B(), C(), a1, a2]
for _ in range(4):
    print(read_x(objs))
    print(call_m(objs))

# a class attribute changes: every way stored before is stale
A.x = "A.x again"
print(read_x(objs))
A.m = lambda self: "A.m replaced"
print(call_m(objs))
del A.x
print(read_x(objs))

# an instance changes class between runs of the site
c = C()
mixed = [c, B(), A()]
print(call_m(mixed))
c.__class__ = B
print(call_m(mixed))
c.__class__ = A
print(call_m(mixed))

# stores: ways per class, then a class gains a property that takes the store
class P:
    pass


ps = [P(), B(), A(), P()]
for i in range(3):
    set_x(ps, i)
    print(read_x(ps))
P.x = property(lambda self: "P.x property", lambda self, v: print("P.x set", v))
set_x(ps, 9)
print(read_x(ps))

# built-in receivers and instances at one LOAD_METHOD site
class HasCopy:
    def copy(self):
        return "HasCopy.copy"


many = [[1, 2], {"k": 1}, HasCopy(), Lst([3]), {4}, [5]]
for _ in range(3):
    print(copies(many))
HasCopy.copy = lambda self: "replaced"
print(copies(many))


# an error raised at a polymorphic site points at its line
def deep(objs):
    total = []
    for o in objs:
        total.append(o.missing_name)
    return total


class Q:
    missing_name = "Q.missing_name"


try:
    deep([Q(), Q(), B()])
except AttributeError as e:
    last = traceback.extract_tb(e.__traceback__)[-1]
    print(last.name, last.lineno, last.line, "|", e)
