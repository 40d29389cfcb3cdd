# A user __getattribute__ runs for every attribute read of its class's instances.
class Logged:
    cls_attr = "from class"

    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        print("get", name)
        return object.__getattribute__(self, name)

    def method(self):
        return "method"


o = Logged()
print(o.x)
print(o.cls_attr)
print(o.method())
print(getattr(o, "x"), hasattr(o, "nope"))
try:
    o.missing
except AttributeError as e:
    print("AttributeError:", e)


# AttributeError from __getattribute__ falls back to __getattr__; other errors do not.
class Fallback:
    def __getattribute__(self, name):
        if name == "boom":
            raise KeyError(name)
        if name.startswith("v"):
            return "value of " + name
        raise AttributeError(name)

    def __getattr__(self, name):
        return "fallback for " + name


f = Fallback()
print(f.vx, f.other)
try:
    f.boom
except KeyError as e:
    print("KeyError", e)


# Inherited by subclasses; a loop keeps calling it (the inline caches must not skip it).
class Child(Logged):
    pass


c = Child()
total = 0
for i in range(3):
    total += c.x
print(total)


def read_many(obj):
    return [obj.x for _ in range(3)]


class Plain:
    def __init__(self):
        self.x = 5


p = Plain()
print(read_many(p))
print(read_many(p))


# Added to the class later, and to a base of an existing subclass.
def counting(self, name):
    if name == "x":
        return 42
    return object.__getattribute__(self, name)


Plain.__getattribute__ = counting
print(read_many(p), p.__class__.__name__)
del Plain.__getattribute__
print(read_many(p))


class Base:
    pass


class Sub(Base):
    def __init__(self):
        self.x = 7


s = Sub()
print(read_many(s))
Base.__getattribute__ = counting
print(read_many(s))


# Special methods are looked up on the type, not through __getattribute__.
class Sized:
    def __getattribute__(self, name):
        print("get", name)
        return object.__getattribute__(self, name)

    def __len__(self):
        return 3


print(len(Sized()))


# super().__getattribute__ and the name check of object.__getattribute__
class Via(Logged):
    def __getattribute__(self, name):
        return "via " + super().__getattribute__(name).__class__.__name__


print(Via().x)
try:
    object.__getattribute__(o, 5)
except TypeError as e:
    print("TypeError:", e)
