# The Python half of pymm's weakref module (the native half provides `ref`).

_registry = {}


class finalize:
    """Calls func(*args, **kwargs) once obj dies, or when called, or at exit."""

    def __init__(self, obj, func, *args, **kwargs):
        self._func = func
        self._args = args
        self._kwargs = kwargs
        self.atexit = True
        self._ref = ref(obj, self._fire)
        _registry[id(self)] = self

    @property
    def alive(self):
        return id(self) in _registry

    def _fire(self, wr):
        self()

    def __call__(self, _=None):
        if _registry.pop(id(self), None) is None:
            return None
        return self._func(*self._args, **self._kwargs)

    def detach(self):
        obj = self._ref()
        if obj is None or _registry.pop(id(self), None) is None:
            return None
        return (obj, self._func, self._args, self._kwargs)

    def peek(self):
        obj = self._ref()
        if obj is None or id(self) not in _registry:
            return None
        return (obj, self._func, self._args, self._kwargs)


def _run_exit_finalizers():
    for f in list(_registry.values()):
        if f.atexit:
            f()
    _registry.clear()


class WeakValueDictionary:
    """A dict whose values are weak references: an entry goes away with its value."""

    def __init__(self, other=None):
        self._data = {}
        if other is not None:
            for key, value in dict(other).items():
                self[key] = value

    def __setitem__(self, key, value):
        selfref = ref(self)

        def remove(wr, key=key):
            d = selfref()
            if d is not None and d._data.get(key) is wr:
                del d._data[key]

        self._data[key] = ref(value, remove)

    def __getitem__(self, key):
        o = self._data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        wr = self._data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len([k for k, wr in self._data.items() if wr() is not None])

    def __iter__(self):
        return iter(self.keys())

    def get(self, key, default=None):
        wr = self._data.get(key)
        if wr is None:
            return default
        o = wr()
        return default if o is None else o

    def keys(self):
        return [k for k, wr in self._data.items() if wr() is not None]

    def values(self):
        return [o for o in (wr() for wr in self._data.values()) if o is not None]

    def items(self):
        return [(k, o) for k, o in ((k, wr()) for k, wr in self._data.items()) if o is not None]

    def pop(self, key, *default):
        wr = self._data.pop(key, None)
        o = wr() if wr is not None else None
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)
