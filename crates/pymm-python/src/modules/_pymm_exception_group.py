"""BaseExceptionGroup and ExceptionGroup (PEP 654): the methods of the built-in classes.

The classes themselves are built-in (`vm/exceptions.rs`): their methods forward here, the
way CPython's Objects/exceptions.c implements them (`BaseExceptionGroup_new`, `split`,
`subgroup`, `derive`), and `except*` (`vm/eval.rs`: CheckEgMatch, PrepReraiseStar) calls
`match` and `prep_reraise_star` as CPython's ceval calls `exception_group_match` and
`_PyExc_PrepReraiseStar`. Recursing over nested groups here makes a deep group a
RecursionError, never a native stack overflow.
"""


def new(cls, *args, **kwargs):
    """`BaseExceptionGroup.__new__(cls, message, exceptions)`."""
    if len(args) != 2:
        raise TypeError(
            f"BaseExceptionGroup.__new__() takes exactly 2 arguments ({len(args)} given)"
        )
    message, exceptions = args
    if not isinstance(message, str):
        raise TypeError(
            "BaseExceptionGroup.__new__() argument 1 must be str, not "
            f"{type(message).__name__}"
        )
    if not _is_sequence(exceptions):
        raise TypeError("second argument (exceptions) must be a sequence")
    excs = tuple(exceptions)
    if not excs:
        raise ValueError("second argument (exceptions) must be a non-empty sequence")
    nested_base = False
    for i, exc in enumerate(excs):
        if not isinstance(exc, BaseException):
            raise ValueError(f"Item {i} of second argument (exceptions) is not an exception")
        if not isinstance(exc, Exception):
            nested_base = True
    if cls is BaseExceptionGroup:
        if not nested_base:
            cls = ExceptionGroup
    elif cls is ExceptionGroup:
        if nested_base:
            raise TypeError("Cannot nest BaseExceptions in an ExceptionGroup")
    elif nested_base and issubclass(cls, Exception):
        raise TypeError(f"Cannot nest BaseExceptions in {cls.__name__!r}")
    self = object.__new__(cls, message, exceptions)
    # read through the classes' read-only `message` and `exceptions` properties
    self.__dict__["message"] = message
    self.__dict__["exceptions"] = excs
    return self


def _is_sequence(obj):
    # PySequence_Check: a class with __getitem__ that is not a dict
    if isinstance(obj, dict):
        return False
    return hasattr(type(obj), "__getitem__")


def init(self, *args, **kwargs):
    """`BaseExceptionGroup.__init__`: no keywords; `args` as given."""
    if kwargs:
        raise TypeError(f"{type(self).__name__}() takes no keyword arguments")
    self.args = args


def str_(self):
    n = len(self.exceptions)
    return f"{self.message} ({n} sub-exception{'' if n == 1 else 's'})"


def derive(self, excs):
    return BaseExceptionGroup(self.message, excs)


_BY_TYPE, _PREDICATE, _INSTANCE_IDS = range(3)


def _matcher_kind(value):
    if callable(value) and not isinstance(value, type):
        return _PREDICATE
    if isinstance(value, type) and issubclass(value, BaseException):
        return _BY_TYPE
    if type(value) is tuple:
        for t in value:
            if not (isinstance(t, type) and issubclass(t, BaseException)):
                break
        else:
            return _BY_TYPE
    raise TypeError("expected a function, exception type or tuple of exception types")


def _matches(exc, kind, value):
    if kind == _BY_TYPE:
        return isinstance(exc, value)
    if kind == _PREDICATE:
        return bool(value(exc))
    return id(exc) in value


def _subset(orig, excs):
    """`orig.derive(excs)` with orig's traceback, cause, context and notes (None if empty)."""
    if not excs:
        return None
    eg = orig.derive(excs)
    if not isinstance(eg, BaseExceptionGroup):
        raise TypeError("derive must return an instance of BaseExceptionGroup")
    eg.__traceback__ = orig.__traceback__
    eg.__cause__ = orig.__cause__
    eg.__context__ = orig.__context__
    notes = getattr(orig, "__notes__", None)
    if notes is not None and hasattr(type(notes), "__getitem__") and not isinstance(notes, dict):
        eg.__notes__ = list(notes)
    return eg


def _split(exc, kind, value, with_rest):
    """(match, rest) of `exc`: the whole of it, or the groups of its matching leaves."""
    if _matches(exc, kind, value):
        return exc, None
    if not isinstance(exc, BaseExceptionGroup):
        return None, (exc if with_rest else None)
    matched = []
    rest = []
    for e in exc.exceptions:
        m, r = _split(e, kind, value, with_rest)
        if m is not None:
            matched.append(m)
        if with_rest and r is not None:
            rest.append(r)
    return _subset(exc, matched), (_subset(exc, rest) if with_rest else None)


def split(self, matcher_value):
    return _split(self, _matcher_kind(matcher_value), matcher_value, True)


def subgroup(self, matcher_value):
    return _split(self, _matcher_kind(matcher_value), matcher_value, False)[0]


def class_getitem(cls, item):
    import types

    return types.GenericAlias(cls, item)


def _check_except_star_type(match_type):
    types = match_type if type(match_type) is tuple else (match_type,)
    for t in types:
        if not (isinstance(t, type) and issubclass(t, BaseException)):
            raise TypeError(
                "catching classes that do not inherit from BaseException is not allowed"
            )
    for t in types:
        if issubclass(t, BaseExceptionGroup):
            raise TypeError(
                "catching ExceptionGroup with except* is not allowed. Use except instead."
            )


def match(exc, match_type):
    """`except* match_type` on `exc`: (match, rest); match None when nothing matched."""
    _check_except_star_type(match_type)
    if exc is None:
        return None, None
    if isinstance(exc, match_type):
        if isinstance(exc, BaseExceptionGroup):
            return exc, None
        # a naked exception is wrapped in a group of its own (3.11 gives the group no
        # traceback)
        return BaseExceptionGroup("", (exc,)), None
    if isinstance(exc, BaseExceptionGroup):
        pair = exc.split(match_type)
        if type(pair) is not tuple or len(pair) != 2:
            raise TypeError(
                f"{type(exc).__name__}.split must return a 2-tuple, got {type(pair).__name__}"
            )
        return pair
    return None, exc


def _same_metadata(a, b):
    return (
        getattr(a, "__notes__", None) is getattr(b, "__notes__", None)
        and a.__traceback__ is b.__traceback__
        and a.__cause__ is b.__cause__
        and a.__context__ is b.__context__
    )


def _leaf_ids(exc, into):
    if exc is None:
        return
    if not isinstance(exc, BaseExceptionGroup):
        into.add(id(exc))
        return
    for e in exc.exceptions:
        _leaf_ids(e, into)


def prep_reraise_star(orig, excs):
    """What leaves a `try`/`except*`: None, or the exception to raise.

    `excs` holds what each handler raised and, last, the unhandled rest. Those that are
    parts of `orig` (re-raised: same traceback, cause, context and notes) are raised as
    `orig`'s structure keeps them; new ones join them in a group of their own.
    """
    if not excs:
        return None
    if not isinstance(orig, BaseExceptionGroup):
        # a naked exception was caught and wrapped: at most one handler ran
        return excs[0]
    raised = []
    reraised = []
    for e in excs:
        if e is None:
            continue
        (reraised if _same_metadata(e, orig) else raised).append(e)
    if reraised:
        ids = set()
        for e in reraised:
            _leaf_ids(e, ids)
        reraised_eg = _split(orig, _INSTANCE_IDS, ids, False)[0]
    else:
        reraised_eg = None
    if not raised:
        return reraised_eg
    if reraised_eg is not None:
        raised.append(reraised_eg)
    if len(raised) > 1:
        return BaseExceptionGroup("", raised)
    return raised[0]
