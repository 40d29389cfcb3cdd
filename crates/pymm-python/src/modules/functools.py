# pymm's functools module, written in Python.

_initial_missing = object()


def reduce(function, iterable, initial=_initial_missing):
    it = iter(iterable)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for item in it:
        value = function(value, item)
    return value


class partial:
    """func with some arguments fixed."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        merged = dict(self.keywords)
        merged.update(keywords)
        return self.func(*self.args, *args, **merged)

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        parts += [f"{k}={v!r}" for k, v in self.keywords.items()]
        return f"functools.partial({', '.join(parts)})"


WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    for name in assigned:
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        setattr(wrapper, name, value)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=()):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


class _CacheInfo(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return "CacheInfo(hits={}, misses={}, maxsize={}, currsize={})".format(*self)


class _LruCacheWrapper:
    """The function lru_cache returns: remembers results by arguments, evicting the least
    recently used beyond maxsize (a dict keeps them in use order)."""

    def __init__(self, func, maxsize):
        self.__wrapped__ = func
        self._maxsize = maxsize
        self._cache = {}
        self._hits = 0
        self._misses = 0

    def __call__(self, *args, **kwargs):
        key = args if not kwargs else args + (_kwd_mark,) + tuple(sorted(kwargs.items()))
        if key in self._cache:
            self._hits += 1
            value = self._cache.pop(key)
            self._cache[key] = value
            return value
        self._misses += 1
        value = self.__wrapped__(*args, **kwargs)
        if self._maxsize != 0:
            self._cache[key] = value
            if self._maxsize is not None and len(self._cache) > self._maxsize:
                del self._cache[next(iter(self._cache))]
        return value

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return partial(self, obj)

    def cache_info(self):
        return _CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache = {}
        self._hits = 0
        self._misses = 0


_kwd_mark = object()


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, int):
        return _LruCacheWrapper(maxsize, 128)
    if maxsize is not None and maxsize < 0:
        maxsize = 0
    return lambda func: _LruCacheWrapper(func, maxsize)


def cache(func):
    return _LruCacheWrapper(func, None)


class cached_property:
    """Computes the attribute once per instance, then it is a plain instance attribute."""

    def __init__(self, func):
        self.func = func
        self.attrname = None

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.attrname] = value
        return value


def cmp_to_key(mycmp):
    class K:
        __slots__ = ("obj",)

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


def total_ordering(cls):
    """Fills in the comparisons a class lacks from __eq__ and one of <, <=, >, >=."""
    def defined(name):
        return getattr(cls, name, None) is not getattr(object, name, None)

    if defined("__lt__"):
        derived = {
            "__gt__": lambda self, other: not (self < other) and self != other,
            "__le__": lambda self, other: self < other or self == other,
            "__ge__": lambda self, other: not (self < other),
        }
    elif defined("__le__"):
        derived = {
            "__ge__": lambda self, other: not (self <= other) or self == other,
            "__lt__": lambda self, other: self <= other and not self == other,
            "__gt__": lambda self, other: not (self <= other),
        }
    elif defined("__gt__"):
        derived = {
            "__lt__": lambda self, other: not (self > other) and self != other,
            "__ge__": lambda self, other: self > other or self == other,
            "__le__": lambda self, other: not (self > other),
        }
    elif defined("__ge__"):
        derived = {
            "__le__": lambda self, other: not (self >= other) or self == other,
            "__gt__": lambda self, other: self >= other and not self == other,
            "__lt__": lambda self, other: not (self >= other),
        }
    else:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    for name, method in derived.items():
        if not defined(name):
            setattr(cls, name, method)
    return cls
