# __new__, descriptors (__get__/__set__/__set_name__) and __init_subclass__.
class Singleton:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, value):
        self.value = value
a = Singleton(1)
b = Singleton(2)
print("one instance:", a is b, "last __init__ wins:", a.value)

class Other:
    pass
class Factory:
    def __new__(cls, kind):
        if kind == "other":
            return Other()
        return super().__new__(cls)
    def __init__(self, kind):
        self.kind = kind
print("__new__ returning another type skips __init__:",
      type(Factory("other")).__name__, hasattr(Factory("other"), "kind"), Factory("self").kind)

class Celsius(float):
    def __new__(cls, degrees):
        return super().__new__(cls, degrees)
    def fahrenheit(self):
        return self * 9 / 5 + 32
print("float subclass through __new__:", Celsius(100).fahrenheit(), Celsius(20) + 1)

class Positive:
    def __set_name__(self, owner, name):
        self.private = "_" + name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.private[1:]} must be positive, got {value}")
        setattr(obj, self.private, value)

class Box:
    width = Positive()
    height = Positive()
    def __init__(self, w, h):
        self.width = w
        self.height = h
    def area(self):
        return self.width * self.height

box = Box(3, 4)
print("data descriptors:", box.area(), box.width, Box.width.owner, Box.width.private)
try:
    box.height = -1
except ValueError as e:
    print("ValueError:", e)
print("the instance dict holds the private names:", sorted(box.__dict__))

class Lazy:
    def __init__(self, func):
        self.func = func
        self.calls = 0
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        self.calls += 1
        value = self.func(obj)
        obj.__dict__[self.func.__name__] = value
        return value

class Report:
    @Lazy
    def total(self):
        return sum(range(10))
r = Report()
print("non-data descriptor, then the instance attribute:", r.total, r.total, Report.total.calls)

class Plugin:
    registry = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append(cls.__name__)
class CsvPlugin(Plugin):
    pass
class JsonPlugin(Plugin):
    pass
class PrettyJson(JsonPlugin):
    pass
print("__init_subclass__ saw:", Plugin.registry)
