# pymm's abc module, written in Python (as CPython's _py_abc): ABCMeta keeps, for each abstract
# base class, the classes registered with it and caches of the answers it gave; isinstance()
# and issubclass() ask it through __instancecheck__ and __subclasscheck__. A class that still
# has abstract methods cannot be instantiated, with CPython's message.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


# The deprecated abstract decorators: pymm's classmethod, staticmethod and property cannot be
# subclassed, so these mark the function and wrap it (what _is_abstract looks through).
def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset)


def _is_abstract(value):
    if isinstance(value, property):
        return _is_abstract(value.fget) if value.fget is not None else False
    if isinstance(value, (staticmethod, classmethod)):
        return _is_abstract(value.__func__)
    return getattr(value, "__isabstractmethod__", False)


def _abstract_names(cls, namespace, bases):
    abstract = {name for name, value in namespace.items() if _is_abstract(value)}
    for base in bases:
        for name in getattr(base, "__abstractmethods__", ()):
            if _is_abstract(getattr(cls, name, None)):
                abstract.add(name)
    return frozenset(abstract)


def get_cache_token():
    """The token that changes whenever a class is registered with any ABC."""
    return ABCMeta._abc_invalidation_counter


class ABCMeta(type):
    """Metaclass of abstract base classes: registration, virtual subclass checks and the
    refusal to instantiate a class with abstract methods left."""

    _abc_invalidation_counter = 0

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _abstract_names(cls, namespace, bases)
        cls._abc_registry = []
        cls._abc_subclasses = []
        cls._abc_cache = set()
        cls._abc_negative_cache = set()
        cls._abc_negative_cache_version = ABCMeta._abc_invalidation_counter
        for base in cls.__mro__[1:]:
            if isinstance(base, ABCMeta) and base in bases:
                base._abc_subclasses.append(cls)
        return cls

    def __call__(cls, *args, **kwargs):
        if cls.__abstractmethods__:
            names = sorted(cls.__abstractmethods__)
            noun = "method" if len(names) == 1 else "methods"
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"with abstract {noun} {', '.join(names)}")
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Registers a virtual subclass of an ABC; returns it, so it serves as a decorator."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        ABCMeta._abc_invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        subclass = type(instance)
        if subclass in cls._abc_cache:
            return True
        if (cls._abc_negative_cache_version == ABCMeta._abc_invalidation_counter
                and subclass in cls._abc_negative_cache):
            return False
        return cls.__subclasscheck__(subclass)

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if subclass in cls._abc_cache:
            return True
        if cls._abc_negative_cache_version < ABCMeta._abc_invalidation_counter:
            cls._abc_negative_cache = set()
            cls._abc_negative_cache_version = ABCMeta._abc_invalidation_counter
        elif subclass in cls._abc_negative_cache:
            return False
        ok = cls.__subclasshook__(subclass)
        if ok is not NotImplemented:
            if ok:
                cls._abc_cache.add(subclass)
            else:
                cls._abc_negative_cache.add(subclass)
            return ok
        found = (cls in subclass.__mro__
                 or any(issubclass(subclass, r) for r in cls._abc_registry)
                 or any(issubclass(subclass, s) for s in cls._abc_subclasses))
        if found:
            cls._abc_cache.add(subclass)
        else:
            cls._abc_negative_cache.add(subclass)
        return found

    def __subclasshook__(cls, subclass):
        return NotImplemented

    def _dump_registry(cls, file=None):
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)
        print(f"Inv. counter: {get_cache_token()}", file=file)


class ABC(metaclass=ABCMeta):
    """Helper base: a class derived from ABC has ABCMeta as its metaclass."""

    __slots__ = ()


def update_abstractmethods(cls):
    """Recomputes an ABC's abstract methods after it was changed (returns the class)."""
    if hasattr(cls, "__abstractmethods__"):
        cls.__abstractmethods__ = _abstract_names(cls, cls.__dict__, cls.__bases__)
    return cls
