# pymm's typing module, written in Python: the names programs use in annotations, generics
# that can be subscripted (and subclassed: Generic[T], Protocol), NamedTuple, TypedDict,
# NewType, cast, overload, get_type_hints, with CPython's reprs.

import collections
import collections.abc as _abc
from abc import ABCMeta, abstractmethod

__all__ = ["Any", "Callable", "ClassVar", "Final", "Generic", "Literal", "Optional", "Protocol",
           "Tuple", "Type", "TypeVar", "Union", "AbstractSet", "ByteString", "Container",
           "Hashable", "ItemsView", "Iterable", "Iterator", "KeysView", "Mapping", "MappingView",
           "MutableMapping", "MutableSequence", "MutableSet", "Sequence", "Sized", "ValuesView",
           "Collection", "Reversible", "Generator", "Awaitable", "Coroutine", "AsyncIterable",
           "AsyncIterator", "AsyncGenerator", "Counter", "Deque", "Dict", "DefaultDict", "List",
           "OrderedDict", "Set", "FrozenSet", "NamedTuple", "TypedDict", "AnyStr", "cast",
           "final", "get_type_hints", "NewType", "no_type_check", "overload",
           "runtime_checkable", "Text", "TYPE_CHECKING", "NoReturn", "Never", "Self",
           "Annotated", "IO", "TextIO", "BinaryIO", "SupportsInt", "SupportsFloat",
           "SupportsIndex", "SupportsAbs", "SupportsRound", "SupportsBytes", "ParamSpec",
           "Concatenate", "TypeAlias", "LiteralString", "Required", "NotRequired",
           "get_origin", "get_args", "ChainMap", "assert_never", "reveal_type"]

TYPE_CHECKING = False


def _type_repr(obj):
    """How a type shows inside a typing repr: int, __main__.Foo, typing.List[int], ..."""
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__ if hasattr(obj, "__qualname__") else obj.__name__
        return f"{obj.__module__}.{getattr(obj, '__qualname__', obj.__name__)}"
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    if isinstance(obj, type(_type_repr)):
        return obj.__name__
    return repr(obj)


def _type_check(arg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


class ForwardRef:
    """A type written as a string, resolved later (get_type_hints)."""

    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return f"ForwardRef({self.__forward_arg__!r})"

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and other.__forward_arg__ == self.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)


class _Final:
    """Typing objects are neither subclassed nor instantiated."""

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class TypeVar(_Final):
    """A type variable: T = TypeVar('T'), with optional constraints or bound."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = tuple(_type_check(t) for t in constraints)
        self.__bound__ = _type_check(bound) if bound is not None else None
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __mro_entries__(self, bases):
        raise TypeError("Cannot subclass an instance of TypeVar")


class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__bound__ = bound

    def __repr__(self):
        return "~" + self.__name__


class _SpecialForm(_Final):
    """Any, Union, Optional, ClassVar, Final, Literal...: subscripted by a function."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __call__(self, *args, **kwds):
        if self._name == "Any":
            raise TypeError("Any cannot be instantiated")
        raise TypeError(f"Cannot instantiate {self!r}")

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")


def _as_tuple(parameters):
    return parameters if isinstance(parameters, tuple) else (parameters,)


def _union(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    flat = []
    for p in _as_tuple(parameters):
        p = _type_check(p)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            flat.extend(p.__args__)
        else:
            flat.append(p)
    unique = []
    for p in flat:
        if p not in unique:
            unique.append(p)
    if len(unique) == 1:
        return unique[0]
    return _GenericAlias(Union, tuple(unique), "Union")


def _optional(self, parameters):
    return Union[_type_check(parameters), None]


def _one_arg(self, parameters):
    item = _type_check(parameters)
    return _GenericAlias(self, (item,), self._name)


def _literal(self, parameters):
    return _GenericAlias(self, _as_tuple(parameters), "Literal")


def _annotated(self, parameters):
    parameters = _as_tuple(parameters)
    if len(parameters) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    alias = _GenericAlias(self, parameters, "Annotated")
    alias.__metadata__ = parameters[1:]
    return alias


def _concatenate(self, parameters):
    return _GenericAlias(self, _as_tuple(parameters), "Concatenate")


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
ClassVar = _SpecialForm("ClassVar", _one_arg)
Final = _SpecialForm("Final", _one_arg)
Required = _SpecialForm("Required", _one_arg)
NotRequired = _SpecialForm("NotRequired", _one_arg)
Literal = _SpecialForm("Literal", _literal)
Annotated = _SpecialForm("Annotated", _annotated)
Concatenate = _SpecialForm("Concatenate", _concatenate)


def _collect_parameters(args):
    params = []
    for a in args:
        if isinstance(a, TypeVar) and a not in params:
            params.append(a)
        for p in getattr(a, "__parameters__", ()):
            if p not in params:
                params.append(p)
    return tuple(params)


class _GenericAlias(_Final):
    """A subscripted generic: List[int], Dict[str, T], Union[int, None], MyGeneric[int]."""

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self.__parameters__ = _collect_parameters(args)

    def __repr__(self):
        origin = self.__origin__
        if origin is Union:
            if len(self.__args__) == 2 and type(None) in self.__args__:
                other = [a for a in self.__args__ if a is not type(None)][0]
                return f"typing.Optional[{_type_repr(other)}]"
            return "typing.Union[" + ", ".join(_type_repr(a) for a in self.__args__) + "]"
        if self._name == "Callable" and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            params = "[" + ", ".join(_type_repr(a) for a in self.__args__[0]) + "]"
            return f"typing.Callable[{params}, {_type_repr(self.__args__[1])}]"
        if self._name == "Tuple" and self.__args__ == ():
            return "typing.Tuple[()]"
        if self._name is not None:
            head = "typing." + self._name
        else:
            head = _type_repr(origin)
        return head + "[" + ", ".join(_type_repr(a) for a in self.__args__) + "]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        if self.__origin__ is Union and other.__origin__ is Union:
            return set(self.__args__) == set(other.__args__)
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __getitem__(self, args):
        args = tuple(_type_check(a) for a in _as_tuple(args))
        params = self.__parameters__
        if len(args) != len(params):
            raise TypeError(f"Too {'many' if len(args) > len(params) else 'few'} arguments for {self}")
        subst = dict(zip(params, args))
        new_args = []
        for a in self.__args__:
            if isinstance(a, TypeVar):
                new_args.append(subst[a])
            elif isinstance(a, _GenericAlias) and a.__parameters__:
                new_args.append(a[tuple(subst[p] for p in a.__parameters__)])
            else:
                new_args.append(a)
        return _GenericAlias(self.__origin__, tuple(new_args), self._name)

    def __call__(self, *args, **kwargs):
        if isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot instantiate {self!r}")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __mro_entries__(self, bases):
        origin = self.__origin__
        if isinstance(origin, _SpecialForm):
            raise TypeError(f"Cannot subclass {self!r}")
        if origin is Generic or origin is Protocol:
            return (origin,)
        if any(isinstance(b, _GenericAlias) and b.__origin__ in (Generic, Protocol) for b in bases):
            return (origin,)
        return (origin, Generic) if self.__parameters__ and Generic not in getattr(origin, "__mro__", ()) else (origin,)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


class _SpecialGenericAlias(_Final):
    """An unsubscripted alias of a class: List, Dict, Iterable..., usable in isinstance."""

    def __init__(self, origin, nparams, name):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        params = tuple(_type_check(p) for p in _as_tuple(params))
        if self._name == "Tuple":
            if params == ((),) or params == ():
                return _GenericAlias(tuple, (), "Tuple")
        elif self._name == "Callable":
            if len(params) != 2:
                raise TypeError("Callable must be used as Callable[[arg, ...], result].")
            args, result = params
            return _GenericAlias(self.__origin__, (list(args) if isinstance(args, list) else args, result), "Callable")
        elif self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments "
                            f"for {self}; actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __eq__(self, other):
        return isinstance(other, _SpecialGenericAlias) and other.__origin__ is self.__origin__

    def __hash__(self):
        return hash(self.__origin__)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)


List = _SpecialGenericAlias(list, 1, "List")
Dict = _SpecialGenericAlias(dict, 2, "Dict")
Set = _SpecialGenericAlias(set, 1, "Set")
FrozenSet = _SpecialGenericAlias(frozenset, 1, "FrozenSet")
Tuple = _SpecialGenericAlias(tuple, -1, "Tuple")
Type = _SpecialGenericAlias(type, 1, "Type")
Callable = _SpecialGenericAlias(_abc.Callable, 2, "Callable")
Deque = _SpecialGenericAlias(collections.deque, 1, "Deque")
DefaultDict = _SpecialGenericAlias(collections.defaultdict, 2, "DefaultDict")
OrderedDict = _SpecialGenericAlias(collections.OrderedDict, 2, "OrderedDict")
Counter = _SpecialGenericAlias(collections.Counter, 1, "Counter")
ChainMap = _SpecialGenericAlias(dict, 2, "ChainMap")
Hashable = _SpecialGenericAlias(_abc.Hashable, 0, "Hashable")
Sized = _SpecialGenericAlias(_abc.Sized, 0, "Sized")
Iterable = _SpecialGenericAlias(_abc.Iterable, 1, "Iterable")
Iterator = _SpecialGenericAlias(_abc.Iterator, 1, "Iterator")
Reversible = _SpecialGenericAlias(_abc.Reversible, 1, "Reversible")
Container = _SpecialGenericAlias(_abc.Container, 1, "Container")
Collection = _SpecialGenericAlias(_abc.Collection, 1, "Collection")
Generator = _SpecialGenericAlias(_abc.Generator, 3, "Generator")
Awaitable = _SpecialGenericAlias(_abc.Awaitable, 1, "Awaitable")
Coroutine = _SpecialGenericAlias(_abc.Coroutine, 3, "Coroutine")
AsyncIterable = _SpecialGenericAlias(_abc.AsyncIterable, 1, "AsyncIterable")
AsyncIterator = _SpecialGenericAlias(_abc.AsyncIterator, 1, "AsyncIterator")
AsyncGenerator = _SpecialGenericAlias(_abc.AsyncGenerator, 2, "AsyncGenerator")
AbstractSet = _SpecialGenericAlias(_abc.Set, 1, "AbstractSet")
MutableSet = _SpecialGenericAlias(_abc.MutableSet, 1, "MutableSet")
Mapping = _SpecialGenericAlias(_abc.Mapping, 2, "Mapping")
MutableMapping = _SpecialGenericAlias(_abc.MutableMapping, 2, "MutableMapping")
Sequence = _SpecialGenericAlias(_abc.Sequence, 1, "Sequence")
MutableSequence = _SpecialGenericAlias(_abc.MutableSequence, 1, "MutableSequence")
ByteString = _SpecialGenericAlias(_abc.ByteString, 0, "ByteString")
MappingView = _SpecialGenericAlias(_abc.MappingView, 1, "MappingView")
KeysView = _SpecialGenericAlias(_abc.KeysView, 1, "KeysView")
ItemsView = _SpecialGenericAlias(_abc.ItemsView, 2, "ItemsView")
ValuesView = _SpecialGenericAlias(_abc.ValuesView, 1, "ValuesView")
Text = str
AnyStr = TypeVar("AnyStr", bytes, str)


class Generic:
    """The base of user generic classes: class Box(Generic[T])."""

    __slots__ = ()
    _is_protocol = False

    def __class_getitem__(cls, params):
        params = tuple(_type_check(p) for p in _as_tuple(params))
        if cls in (Generic, Protocol):
            if not params:
                raise TypeError(f"Parameter list to {cls.__qualname__}[...] cannot be empty")
            if not all(isinstance(p, (TypeVar, ParamSpec)) for p in params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                                "or parameter specification variables.")
        return _GenericAlias(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        params = []
        for base in cls.__dict__.get("__orig_bases__", ()):
            for p in getattr(base, "__parameters__", ()):
                if p not in params:
                    params.append(p)
        cls.__parameters__ = tuple(params)


def _protocol_members(cls):
    members = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ("Protocol", "Generic"):
            continue
        for name in base.__dict__:
            if not name.startswith("_abc_") and name not in (
                    "__abstractmethods__", "__annotations__", "__dict__", "__doc__",
                    "__init__", "__module__", "__new__", "__slots__", "__subclasshook__",
                    "__weakref__", "__class_getitem__", "__parameters__", "__orig_bases__",
                    "_is_protocol", "_is_runtime_protocol", "__qualname__", "__init_subclass__",
                    "__protocol_attrs__"):
                members.add(name)
        members.update(base.__dict__.get("__annotations__", {}))
    return members


class _ProtocolMeta(ABCMeta):
    def __instancecheck__(cls, instance):
        if getattr(cls, "_is_protocol", False):
            if not getattr(cls, "_is_runtime_protocol", False):
                raise TypeError("Instance and class checks can only be used with "
                                "@runtime_checkable protocols")
            return all(hasattr(instance, attr) for attr in _protocol_members(cls))
        return super().__instancecheck__(instance)

    def __subclasscheck__(cls, other):
        if getattr(cls, "_is_protocol", False):
            if not getattr(cls, "_is_runtime_protocol", False):
                raise TypeError("Instance and class checks can only be used with "
                                "@runtime_checkable protocols")
            return all(any(attr in b.__dict__ for b in other.__mro__)
                       for attr in _protocol_members(cls))
        return super().__subclasscheck__(other)


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Structural types: a class with these members is one, inheriting or not."""

    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get("_is_protocol", False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)


def runtime_checkable(cls):
    """Lets isinstance() check an object against a Protocol class (by its members)."""
    if not getattr(cls, "_is_protocol", False):
        raise TypeError("@runtime_checkable can be only applied to protocol classes, "
                        f"got {cls!r}")
    cls._is_runtime_protocol = True
    return cls


def cast(typ, val):
    """Returns val unchanged: the type is for the checker."""
    return val


def assert_never(arg):
    raise AssertionError(f"Expected code to be unreachable, but got: {arg!r}")


def reveal_type(obj):
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def overload(func):
    """@overload: the declarations the checker reads; calling one is an error."""

    def _overload_dummy(*args, **kwds):
        raise NotImplementedError("You should not call an overloaded function. A series of "
                                  "@overload-decorated functions outside a stub module should "
                                  "always be followed by an implementation that is not "
                                  "@overload-ed.")

    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        args = tp.__args__
        if tp._name == "Callable" and len(args) == 2 and isinstance(args[0], list):
            return (args[0], args[1])
        return args
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a class, module or function, strings evaluated."""
    import sys
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get("__annotations__", {})
            module = sys.modules.get(base.__module__)
            base_globals = globalns if globalns is not None else getattr(module, "__dict__", {})
            for name, value in ann.items():
                hints[name] = _eval_hint(value, base_globals, localns)
        return hints
    ann = getattr(obj, "__annotations__", None) or {}
    if globalns is None:
        globalns = getattr(obj, "__globals__", None)
        if globalns is None:
            globalns = getattr(obj, "__dict__", {})
    return {name: _eval_hint(value, globalns, localns) for name, value in ann.items()}


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, ForwardRef):
        value = value.__forward_arg__
    if isinstance(value, str):
        return eval(value, globalns, localns)
    return value


class NewType:
    """NewType('UserId', int): a callable that returns its argument, named for the checker."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name.rpartition(".")[-1]
        self.__supertype__ = tp
        import sys
        try:
            self.__module__ = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError, RuntimeError):
            # pymm's _getframe cannot see past the call of the class that runs __init__
            self.__module__ = "__main__"

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass an instance of NewType. Perhaps you were looking "
                        f"for: `{self.__name__} = NewType({self.__name__!r}, {self.__name__})`")

    def __or__(self, other):
        return Union[self, other]


def NamedTuple(typename, fields=None, /, **kwargs):
    """A typed namedtuple: class P(NamedTuple): x: int; y: int = 0 (or the call form)."""
    if fields is None:
        fields = kwargs.items()
    types = {n: _type_check(t) for n, t in fields}
    nt = collections.namedtuple(typename, list(types))
    nt.__annotations__ = types
    return nt


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        types = ns.get("__annotations__", {})
        defaults = []
        for name in types:
            if name in ns:
                defaults.append(ns[name])
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {name} cannot follow "
                                f"default field{'s' if len(defaults) > 1 else ''} "
                                f"{', '.join(defaults)}")
        nt = collections.namedtuple(typename, list(types), defaults=defaults)
        nt.__annotations__ = types
        nt.__module__ = ns.get("__module__", "__main__")
        for key, value in ns.items():
            if key in ("__annotations__", "__module__", "__qualname__", "__orig_bases__"):
                continue
            if key in types:
                continue
            setattr(nt, key, value)
        return nt


_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
        own = ns.get("__annotations__", {})
        annotations.update(own)
        ns = dict(ns)
        ns["__annotations__"] = annotations
        tp_dict = type.__new__(_TypedDictMeta, name, (dict,), ns)
        required = set()
        optional = set()
        for base in bases:
            required.update(base.__dict__.get("__required_keys__", ()))
            optional.update(base.__dict__.get("__optional_keys__", ()))
        (required if total else optional).update(own)
        tp_dict.__required_keys__ = frozenset(required)
        tp_dict.__optional_keys__ = frozenset(optional)
        tp_dict.__total__ = total
        return tp_dict

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError("TypedDict does not support instance and class checks")

    __instancecheck__ = __subclasscheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """A dict type with known keys: class Movie(TypedDict): name: str (or the call form)."""
    if fields is None:
        fields = kwargs
    ns = {"__annotations__": dict(fields)}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)


class IO(Generic):
    """The generic type of file objects."""

    mode = "r"
    name = None


class TextIO(IO):
    pass


class BinaryIO(IO):
    pass


@runtime_checkable
class SupportsInt(Protocol):
    __slots__ = ()

    def __int__(self) -> int:
        pass


@runtime_checkable
class SupportsFloat(Protocol):
    __slots__ = ()

    def __float__(self) -> float:
        pass


@runtime_checkable
class SupportsIndex(Protocol):
    __slots__ = ()

    def __index__(self) -> int:
        pass


@runtime_checkable
class SupportsAbs(Protocol):
    __slots__ = ()

    def __abs__(self):
        pass


@runtime_checkable
class SupportsRound(Protocol):
    __slots__ = ()

    def __round__(self, ndigits=0):
        pass


@runtime_checkable
class SupportsBytes(Protocol):
    __slots__ = ()

    def __bytes__(self) -> bytes:
        pass
