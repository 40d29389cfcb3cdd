# pymm's copy module, written in Python (as CPython's copy.py): shallow and deep copies
# through __copy__/__deepcopy__, __reduce_ex__-free reconstruction of plain instances, and the
# memo that keeps shared and cyclic structure.

from copyreg import _slotnames

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, bytes, type, range,
           type(len), type(lambda: 0), type(Ellipsis), type(NotImplemented), property)


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if cls in _atomic or isinstance(x, type):
        return x
    if cls in (list, dict, set, bytearray):
        return cls.copy(x)
    if cls is tuple or cls is frozenset:
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None, False)


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x; memo maps id(original) -> copy for what was already copied."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo, True)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


# The copier of each type deepcopy handles itself, found by one dict lookup (as CPython's
# copy._deepcopy_dispatch) rather than a chain of tests.
_deepcopy_dispatch = {cls: _deepcopy_atomic for cls in _atomic}
_deepcopy_dispatch[list] = _deepcopy_list
_deepcopy_dispatch[tuple] = _deepcopy_tuple
_deepcopy_dispatch[dict] = _deepcopy_dict
_deepcopy_dispatch[set] = lambda x, memo: {deepcopy(item, memo) for item in x}
_deepcopy_dispatch[frozenset] = lambda x, memo: frozenset(deepcopy(item, memo) for item in x)
_deepcopy_dispatch[bytearray] = lambda x, memo: bytearray(x)


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, deep):
    """A new instance of type(x) without calling __init__, with x's state copied."""
    cls = type(x)
    base = None
    for klass in cls.__mro__:
        if klass in _BUILTIN_BASES:
            base = klass
            break
    if base in (tuple, frozenset, str, int, float, bytes):
        value = base(x)
        if deep and base in (tuple, frozenset):
            value = base(deepcopy(item, memo) for item in x)
        y = cls.__new__(cls, value)
    else:
        y = cls.__new__(cls)
    if deep:
        memo[id(x)] = y
    if base is list:
        y.extend(deepcopy(item, memo) for item in x) if deep else y.extend(x)
    elif base is dict:
        for key, value in x.items():
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    elif base is set:
        for item in x:
            y.add(deepcopy(item, memo) if deep else item)
    elif base is bytearray:
        y.extend(x)
    if getattr(cls, "__getstate__", None) is _object_getstate:
        # object.__getstate__, called directly: the instance dict and slot values
        state = _default_state(x)
    else:
        getstate = getattr(x, "__getstate__", None)
        state = getstate() if getstate is not None else _default_state(x)
    if state:
        if deep:
            state = deepcopy(state, memo)
        setstate = getattr(y, "__setstate__", None)
        if setstate is not None:
            setstate(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    return y


def _default_state(x):
    """object.__getstate__: the instance dict, with slot values as a second part."""
    state = dict(getattr(x, "__dict__", {}) or {})
    slots = {}
    # the slot names as instances hold them: private ones mangled (copyreg._slotnames)
    for name in _slotnames(type(x)):
        if hasattr(x, name):
            slots[name] = getattr(x, name)
    if slots:
        return (state or None, slots)
    return state or None


# The built-in types whose instances _reconstruct rebuilds from their value.
_BUILTIN_BASES = frozenset({list, dict, set, tuple, frozenset, str, int, float, bytes,
                            bytearray})
_object_getstate = object.__getstate__
