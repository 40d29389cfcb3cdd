# pymm's dataclasses module, written in Python: the generated methods are closures over the
# field list (CPython generates source text and execs it; the behaviour is the same).

_MISSING = object()


class FrozenInstanceError(AttributeError):
    pass


class Field:
    def __init__(self, default, default_factory, init, repr, compare, hash):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.hash = hash

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},"
                f"repr={self.repr!r},hash={self.hash!r},compare={self.compare!r})")


MISSING = _MISSING


def field(*, default=_MISSING, default_factory=_MISSING, init=True, repr=True,
          hash=None, compare=True):
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, compare, hash)


def _class_fields(cls):
    """The fields a dataclass declares itself, in annotation order."""
    annotations = cls.__dict__.get("__annotations__", {})
    result = []
    for name, kind in annotations.items():
        value = cls.__dict__.get(name, _MISSING)
        if isinstance(value, Field):
            f = value
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            f = Field(value, _MISSING, True, True, True, None)
        f.name = name
        f.type = kind
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)!r} for field {name} "
                             "is not allowed: use default_factory")
        result.append(f)
    return result


def _all_fields(cls):
    """Fields of the dataclasses among the bases (most basic first), then the class's own;
    a redeclared name keeps its first place."""
    by_name = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__dataclass_fields__", {}).values():
            by_name[f.name] = f
    for f in _class_fields(cls):
        by_name[f.name] = f
    return list(by_name.values())


def _default_of(f):
    if f.default_factory is not _MISSING:
        return f.default_factory()
    return f.default


def _make_init(cls, init_fields, frozen):
    required = [f.name for f in init_fields
                if f.default is _MISSING and f.default_factory is _MISSING]
    seen_default = None
    for f in init_fields:
        has_default = f.default is not _MISSING or f.default_factory is not _MISSING
        if has_default:
            seen_default = f.name
        elif seen_default is not None:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names = [f.name for f in init_fields]

    def __init__(self, *args, **kwargs):
        where = f"{type(self).__qualname__}.__init__()"
        if len(args) > len(names):
            takes = (f"{len(names) + 1}" if len(required) == len(names)
                     else f"from {len(required) + 1} to {len(names) + 1}")
            raise TypeError(f"{where} takes {takes} positional arguments but "
                            f"{len(args) + 1} were given")
        values = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"{where} got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{where} got multiple values for argument {key!r}")
            values[key] = value
        missing = [name for name in required if name not in values]
        if missing:
            quoted = [repr(name) for name in missing]
            listed = quoted[0] if len(quoted) == 1 else (
                ", ".join(quoted[:-1]) + " and " + quoted[-1])
            plural = "" if len(missing) == 1 else "s"
            raise TypeError(f"{where} missing {len(missing)} required positional "
                            f"argument{plural}: {listed}")
        for f in all_fields:
            if f.init:
                value = values[f.name] if f.name in values else _default_of(f)
            elif f.default is not _MISSING or f.default_factory is not _MISSING:
                value = _default_of(f)
            else:
                continue
            object.__setattr__(self, f.name, value)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    all_fields = cls.__dataclass_fields__.values()
    return __init__


def _make_repr(cls, repr_fields):
    """The generated __repr__, shaped as CPython's: made inside a function named
    __create_fn__ (pprint recognises a generated repr by that name in the `__wrapped__`
    function's qualname) and guarded so that a dataclass met again inside its own repr
    shows as `...`."""
    def __create_fn__():
        def __repr__(self):
            parts = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in repr_fields)
            return f"{type(self).__qualname__}({parts})"
        return __repr__

    fn = __create_fn__()
    running = set()

    def __repr__(self):
        key = id(self)
        if key in running:
            return "..."
        running.add(key)
        try:
            return fn(self)
        finally:
            running.discard(key)

    __repr__.__wrapped__ = fn
    __repr__.__qualname__ = f"{cls.__qualname__}.__repr__"
    return __repr__


class _DataclassParams:
    """What @dataclass was given, as the class's __dataclass_params__."""

    __slots__ = ("init", "repr", "eq", "order", "unsafe_hash", "frozen")

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ("_DataclassParams("
                f"init={self.init!r},repr={self.repr!r},eq={self.eq!r},"
                f"order={self.order!r},unsafe_hash={self.unsafe_hash!r},"
                f"frozen={self.frozen!r})")


def _values(obj, fields_):
    return tuple(getattr(obj, f.name) for f in fields_)


def _make_comparison(compare_fields, op):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        a, b = _values(self, compare_fields), _values(other, compare_fields)
        if op == "eq":
            return a == b
        if op == "lt":
            return a < b
        if op == "le":
            return a <= b
        if op == "gt":
            return a > b
        return a >= b
    return compare


def _frozen_setattr(self, name, value):
    if name in type(self).__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _process(cls, init, repr, eq, order, unsafe_hash, frozen):
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order, unsafe_hash, frozen)
    cls.__dataclass_fields__ = {}
    own = _all_fields(cls)
    cls.__dataclass_fields__ = {f.name: f for f in own}
    init_fields = [f for f in own if f.init]
    if init and "__init__" not in cls.__dict__:
        cls.__init__ = _make_init(cls, init_fields, frozen)
    if repr and "__repr__" not in cls.__dict__:
        cls.__repr__ = _make_repr(cls, [f for f in own if f.repr])
    compare_fields = [f for f in own if f.compare]
    if eq and "__eq__" not in cls.__dict__:
        cls.__eq__ = _make_comparison(compare_fields, "eq")
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for op in ("lt", "le", "gt", "ge"):
            name = f"__{op}__"
            if name in cls.__dict__:
                raise TypeError(f"Cannot overwrite attribute {name} in class "
                                f"{cls.__name__}. Consider using functools.total_ordering")
            setattr(cls, name, _make_comparison(compare_fields, op))
    if frozen:
        cls.__setattr__ = _frozen_setattr
    if eq and frozen:
        cls.__hash__ = lambda self: hash(_values(self, compare_fields))
    elif eq and "__hash__" not in cls.__dict__:
        cls.__hash__ = None
    cls.__match_args__ = tuple(f.name for f in init_fields)
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen)
    return wrap if cls is None else wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def fields(obj):
    if not is_dataclass(obj):
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(obj.__dataclass_fields__.values())


def _as_dict_value(value, dict_factory):
    if is_dataclass(value) and not isinstance(value, type):
        return dict_factory([(f.name, _as_dict_value(getattr(value, f.name), dict_factory))
                             for f in fields(value)])
    if isinstance(value, (list, tuple)):
        return type(value)(_as_dict_value(v, dict_factory) for v in value)
    if isinstance(value, dict):
        return {_as_dict_value(k, dict_factory): _as_dict_value(v, dict_factory)
                for k, v in value.items()}
    return value


def _as_tuple_value(value, tuple_factory):
    if is_dataclass(value) and not isinstance(value, type):
        return tuple_factory([_as_tuple_value(getattr(value, f.name), tuple_factory)
                              for f in fields(value)])
    if isinstance(value, (list, tuple)):
        return type(value)(_as_tuple_value(v, tuple_factory) for v in value)
    if isinstance(value, dict):
        return {_as_tuple_value(k, tuple_factory): _as_tuple_value(v, tuple_factory)
                for k, v in value.items()}
    return value


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _as_dict_value(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return _as_tuple_value(obj, tuple_factory)


def replace(obj, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)
