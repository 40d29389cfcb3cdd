# pymm's contextvars module: context variables in the one context pymm runs (it has neither
# threads nor an event loop), with Context.run switching contexts as CPython's does.

__all__ = ["Context", "ContextVar", "Token", "copy_context"]

_MISSING = object()

# What native code (decimal's) last read through ContextVar.get, as [var, value]: emptied
# whenever the current context or its data changes (set, reset, run), so that while it
# holds an entry, that entry is the variable's value in the current context.
_cache = []


class Context:
    """A mapping from context variables to their values."""

    def __init__(self):
        self._data = {}
        self._entered = False

    def run(self, callable, *args, **kwargs):
        """Calls callable in this context: the variables it sets stay here."""
        global _current
        if self._entered:
            raise RuntimeError(f"cannot enter context: {self} is already entered")
        outer = _current
        self._entered = True
        _current = self
        if _cache:
            _cache.clear()
        try:
            return callable(*args, **kwargs)
        finally:
            _current = outer
            if _cache:
                _cache.clear()
            self._entered = False

    def copy(self):
        new = Context.__new__(Context)
        new._entered = False
        # a context's dict is never changed in place (set and reset put a new one), so
        # that a copy, made per asyncio task and callback, shares it: CPython's HAMT idea
        new._data = self._data
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def get(self, var, default=None):
        return self._data.get(var, default)

    def __contains__(self, var):
        return var in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()


_current = Context()


def copy_context():
    """A copy of the current context."""
    # Context.copy written out (asyncio copies the context twice per task)
    new = _new_context(Context)
    new._entered = False
    new._data = _current._data
    return new


_new_context = Context.__new__


class Token:
    """What ContextVar.set returns, to undo that set with ContextVar.reset."""

    MISSING = _MISSING

    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __repr__(self):
        used = " used" if self._used else ""
        return f"<Token{used} var={self._var!r} at 0x{id(self):x}>"


class ContextVar:
    """A variable whose value belongs to the current context."""

    __slots__ = ("_name", "_default")

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, default=_MISSING):
        """The value in the current context, else default, else the variable's default;
        LookupError when there is none."""
        try:
            return _current._data[self]
        except KeyError:
            pass
        if default is not _MISSING:
            return default
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        data = _current._data
        old = data.get(self, _MISSING)
        data = dict(data)
        data[self] = value
        _current._data = data
        _cache.clear()
        return Token(_current, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {type(token).__name__!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        if token._context is not _current:
            raise ValueError(f"{token!r} was created in a different Context")
        data = dict(_current._data)
        if token._old_value is _MISSING:
            data.pop(self, None)
        else:
            data[self] = token._old_value
        _current._data = data
        _cache.clear()
        token._used = True

    def __repr__(self):
        default = "" if self._default is _MISSING else f" default={self._default!r}"
        return f"<ContextVar name={self._name!r}{default} at 0x{id(self):x}>"
