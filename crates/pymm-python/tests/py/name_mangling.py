# Private name mangling: inside a class, __name means _Class__name (CPython's _Py_Mangle),
# for attributes, variables, parameters, definitions, global/nonlocal, imports, except
# targets and __slots__; not for dunder names, keyword arguments or strings.


class Base:
    __count = 0

    def __init__(self):
        self.__secret = "base"
        self.__dunder__ = "dunder"
        Base.__count += 1

    def base_secret(self):
        return self.__secret

    def __helper(self):
        return "base helper"

    def call_helper(self):
        return self.__helper()

    @classmethod
    def count(cls):
        return cls.__count


class Child(Base):
    def __init__(self):
        super().__init__()
        self.__secret = "child"

    def child_secret(self):
        return self.__secret

    def __helper(self):
        return "child helper"


c = Child()
print("two secrets", c.base_secret(), c.child_secret())
print("attributes", sorted(k for k in vars(c)))
print("helpers", c.call_helper(), c._Child__helper(), Base.count())
print("class attrs", sorted(k for k in vars(Base) if "__" in k[1:] and not k.endswith("__")))
try:
    c.__secret
except AttributeError as e:
    print("outside a class no mangling:", e)


class _Leading:
    def get(self):
        __local = 1
        self.__x = 2
        return __local, sorted(vars(self))


print("leading underscores stripped", _Leading().get())


class Params:
    def f(self, __a, b=2):
        return __a + b

    def g(self, **kw):
        return sorted(kw)


print("parameters", Params().f(1), Params().f(__a=5) if False else "skip", Params().g(__k=1))

__module_level = "module"


class UsesGlobal:
    def read(self):
        try:
            return __module_level
        except NameError as e:
            return "NameError: " + str(e)


print("a module global read from a method is mangled too:", UsesGlobal().read())


class Nested:
    class __Inner:
        __v = 1

        def v(self):
            return self.__v

    def make(self):
        return self.__Inner().v(), type(self.__Inner()).__name__


print("nested classes", Nested().make(), hasattr(Nested, "_Nested__Inner"))


class Closure:
    def outer(self):
        __n = 10

        def inner():
            nonlocal __n
            __n += 1
            return __n

        return inner(), [__n for _ in range(2)], (lambda: __n)()


print("closures", Closure().outer())


class Slotted:
    __slots__ = ("__p", "q")

    def __init__(self):
        self.__p = 1
        self.q = 2

    def values(self):
        return self.__p, self.q


s = Slotted()
print("slots", s.values(), Slotted.__slots__, hasattr(s, "_Slotted__p"))
try:
    s.__p = 5
except AttributeError as e:
    print("slots outside", type(e).__name__)


class Excepts:
    def run(self):
        try:
            raise ValueError("v")
        except ValueError as __e:
            return str(__e)


print("except target", Excepts().run())


class Strings:
    def get(self):
        self.__z = 1
        return getattr(self, "__z", "not mangled in strings"), getattr(self, "_Strings__z")


print("strings", Strings().get())


class ___:
    def f(self):
        self.__y = 1
        return sorted(vars(self))


print("all-underscore class name", ___().f())
print("names as written", Base._Base__helper.__name__, Base._Base__helper.__qualname__, Nested._Nested__Inner.__qualname__)
