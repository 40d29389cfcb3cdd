# property: the deleter, fdel, __doc__ (given, taken from the getter, kept or renewed by the
# copying decorators, writable), __isabstractmethod__, __set_name__'s name in the errors of
# a missing accessor, and subclasses of property (their instances' __doc__).


class C:
    def __init__(self):
        self._x = 1

    @property
    def x(self):
        """the getter's doc"""
        return self._x

    @x.setter
    def x(self, value):
        """ignored"""
        self._x = value

    @x.deleter
    def x(self):
        print("deleter runs")
        del self._x

    y = property(doc="y's doc")


c = C()
print("get", c.x)
c.x = 5
print("set", c.x, c._x)
del c.x
print("deleted", hasattr(c, "_x"), hasattr(c, "x"))
print("fdel", C.x.fdel.__name__, C.x.fget.__name__, C.x.fset.__name__)
print("doc from getter", C.x.__doc__)
print("given doc", C.y.__doc__)
C.y.__doc__ = "changed"
print("written doc", C.y.__doc__)


class D(C):
    @C.x.getter
    def x(self):
        """D's getter doc"""
        return "D"


print("new getter's doc", D.x.__doc__, D().x)
print("plain property doc", property().__doc__, property(doc="d").__doc__)
print("fdel default", property().fdel)


def abstract():
    pass


abstract.__isabstractmethod__ = True
print("abstract", property(abstract).__isabstractmethod__, property(len).__isabstractmethod__)

for action in ("get", "set", "del"):
    try:
        if action == "get":
            c.y
        elif action == "set":
            c.y = 1
        else:
            del c.y
    except AttributeError as e:
        print(action, "error", e)
p = property()
C.unnamed = p
try:
    c.unnamed
except AttributeError as e:
    print("unnamed", e)
try:
    p.__set_name__(C)
except TypeError as e:
    print("set_name arity", e)


class Sub(property):
    """Sub's own doc"""


class E:
    @Sub
    def z(self):
        """z's doc"""
        return 3


print("subclass", type(E.__dict__["z"]).__name__, E.z.__doc__, E().z)


class SlotsSub(property):
    __slots__ = ()


try:
    SlotsSub(abstract)
except AttributeError:
    print("a subclass without __dict__ cannot take the doc")
