# pymm's types module: the names of the interpreter's own types (as CPython's types.py finds
# them, from objects of each kind), SimpleNamespace, MappingProxyType and new_class.

import sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_c = _c()
CoroutineType = type(_c)
_c.close()


async def _ag():
    yield


AsyncGeneratorType = type(_ag())


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
FrameType = type(sys._getframe())

try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)

NoneType = type(None)
NotImplementedType = type(NotImplemented)
EllipsisType = type(Ellipsis)

del sys, _f, _g, _C, _c, _ag


class SimpleNamespace:
    """A plain attribute namespace: SimpleNamespace(a=1).a == 1."""

    def __init__(*args, **kwargs):
        if len(args) != 1:
            raise TypeError("no positional arguments expected")
        args[0].__dict__.update(kwargs)

    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{name}({items})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


class mappingproxy:
    """A read-only view of a mapping: lookups go to it, changes are refused."""

    __slots__ = ("_mapping",)

    def __init__(self, mapping):
        if not hasattr(mapping, "__getitem__") or isinstance(mapping, (list, tuple)):
            raise TypeError(
                f"mappingproxy() argument must be a mapping, not {type(mapping).__name__}")
        object.__setattr__(self, "_mapping", mapping)

    def __getitem__(self, key):
        return self._mapping[key]

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __reversed__(self):
        return reversed(self._mapping)

    def __or__(self, other):
        return dict(self._mapping) | other

    def __ror__(self, other):
        return other | dict(self._mapping)

    def __eq__(self, other):
        return self._mapping == other

    def __repr__(self):
        return f"mappingproxy({self._mapping!r})"

    def __setattr__(self, name, value):
        raise AttributeError(f"'mappingproxy' object has no attribute '{name}'")

    def __str__(self):
        return str(self._mapping)

    __hash__ = None


MappingProxyType = mappingproxy
del mappingproxy


class GenericAlias:
    """A parameterized generic such as list[int]: its origin and arguments."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self.__parameters__ = ()

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return (self.__origin__, self.__args__) == (other.__origin__, other.__args__)

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __repr__(self):
        def name(t):
            if t is ...:
                return "..."
            if isinstance(t, type) and not isinstance(t, GenericAlias):
                if t.__module__ == "builtins":
                    return t.__qualname__
                return f"{t.__module__}.{t.__qualname__}"
            return repr(t)
        args = ", ".join(name(a) for a in self.__args__) if self.__args__ else "()"
        return f"{name(self.__origin__)}[{args}]"


def new_class(name, bases=(), kwds=None, exec_body=None):
    """A class made as a class statement would make it, body filled by exec_body(ns)."""
    kwds = dict(kwds or {})
    meta = kwds.pop("metaclass", type)
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    return meta(name, tuple(bases), ns, **kwds)


def coroutine(func):
    """Convert a regular generator function into a coroutine: its generators may be awaited.
    Any other callable is wrapped so that the generator it returns may be awaited."""
    if not callable(func):
        raise TypeError("types.coroutine() expects a callable")
    if func.__class__ is FunctionType and getattr(func, "__code__", None).__class__ is CodeType:
        co_flags = func.__code__.co_flags
        if co_flags & 0x180:
            return func
        if co_flags & 0x20:
            import _types
            return _types.mark_iterable_coroutine(func)

    import functools

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if coro.__class__ is CoroutineType or (
                coro.__class__ is GeneratorType and coro.gi_code.co_flags & 0x100):
            return coro
        if coro.__class__ is GeneratorType:
            return _GeneratorWrapper(coro)
        return coro

    return wrapped


class _GeneratorWrapper:
    """A generator made awaitable by types.coroutine."""

    def __init__(self, gen):
        self.__wrapped = gen
        self.__isgen = gen.__class__ is GeneratorType
        self.__name__ = getattr(gen, "__name__", None)
        self.__qualname__ = getattr(gen, "__qualname__", None)

    def send(self, val):
        return self.__wrapped.send(val)

    def throw(self, tp, *rest):
        return self.__wrapped.throw(tp, *rest)

    def close(self):
        return self.__wrapped.close()

    @property
    def gi_code(self):
        return self.__wrapped.gi_code

    @property
    def gi_frame(self):
        return self.__wrapped.gi_frame

    @property
    def gi_running(self):
        return self.__wrapped.gi_running

    @property
    def gi_yieldfrom(self):
        return self.__wrapped.gi_yieldfrom

    cr_code = gi_code
    cr_frame = gi_frame
    cr_running = gi_running
    cr_await = gi_yieldfrom

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        if self.__isgen:
            return self.__wrapped
        return self

    __await__ = __iter__
