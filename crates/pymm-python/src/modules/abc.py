# pymm's abc module, written in Python: abstract base classes without a metaclass (pymm has
# none). ABC computes __abstractmethods__ for every subclass as it is created, and refuses to
# instantiate a class that still has some, with CPython's message.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if isinstance(value, property):
        return _is_abstract(value.fget) if value.fget is not None else False
    if isinstance(value, (staticmethod, classmethod)):
        return _is_abstract(value.__func__)
    return getattr(value, "__isabstractmethod__", False)


class ABC:
    """Helper base: a class with abstract methods left cannot be instantiated."""

    __abstractmethods__ = frozenset()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        abstract = set()
        for name, value in cls.__dict__.items():
            if _is_abstract(value):
                abstract.add(name)
        for base in cls.__bases__:
            for name in getattr(base, "__abstractmethods__", ()):
                if _is_abstract(getattr(cls, name, None)):
                    abstract.add(name)
        cls.__abstractmethods__ = frozenset(abstract)

    def __new__(cls, *args, **kwargs):
        if cls.__abstractmethods__:
            names = sorted(cls.__abstractmethods__)
            noun = "method" if len(names) == 1 else "methods"
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"with abstract {noun} {', '.join(names)}")
        return super().__new__(cls)
