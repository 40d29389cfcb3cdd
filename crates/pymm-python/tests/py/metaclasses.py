# Metaclasses: a class's class makes it (type.__new__ via super()), sees its keywords, can
# decide what calling the class does (__call__), and lends the class its methods.
class Registry(type):
    classes = []
    def __new__(mcs, name, bases, namespace, **kwargs):
        cls = super().__new__(mcs, name, bases, namespace)
        cls.tag = kwargs.get("tag", name.lower())
        Registry.classes.append(name)
        return cls
    def describe(cls):
        return f"{cls.__name__} tagged {cls.tag}"

class Base(metaclass=Registry):
    pass
class Child(Base, tag="kid"):
    pass
print(Registry.classes, Base.tag, Child.tag, type(Child) is Registry, isinstance(Child, Registry))
print(Child.describe(), Base.describe())

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self, value):
        self.value = value

a = Config(1)
b = Config(2)
print("one instance:", a is b, a.value)

class Tracing(type):
    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        cls.created = sorted(k for k in namespace if not k.startswith("__"))

class Model(metaclass=Tracing):
    x = 1
    def method(self):
        return 2
print(Model.created, Model().method(), type(Model).__name__)

Dynamic = Registry("Dynamic", (Base,), {"y": 5})
print(Dynamic.y, Dynamic.tag, type(Dynamic).__name__, Registry.classes[-1])

class Plugin:
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__
class CsvPlugin(Plugin, name="csv"):
    pass
class Other(Plugin):
    pass
print(CsvPlugin.plugin_name, Other.plugin_name)
try:
    class Bad(Other, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)

class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class Both(A1, A2):
        pass
except TypeError as e:
    print("TypeError:", e)
print(type(type).__name__, type(int).__name__, isinstance(Config, type))
