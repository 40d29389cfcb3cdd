# pymm's collections module, written in Python on pymm's built-in types: every object it
# makes lives in the pymm heap like any other.


class defaultdict(dict):
    """A dict that calls default_factory() for a missing key and stores the result."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self)

    def __repr__(self):
        return f"defaultdict({self.default_factory!r}, {dict(self)!r})"


class Counter(dict):
    """A dict of counts: missing keys count 0."""

    def __init__(self, iterable=None, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self[elem] + count
            else:
                for elem in iterable:
                    self[elem] = self[elem] + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self[elem] - count
            else:
                for elem in iterable:
                    self[elem] = self[elem] - 1
        if kwds:
            self.subtract(kwds)

    def most_common(self, n=None):
        ranked = sorted(self.items(), key=lambda item: item[1], reverse=True)
        return ranked if n is None else ranked[:n]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    def total(self):
        return sum(self.values())

    def copy(self):
        return Counter(self)

    def _keep_positive(self, pairs):
        result = Counter()
        for elem, count in pairs:
            if count > 0:
                result[elem] = count
        return result

    def __add__(self, other):
        keys = list(self) + [k for k in other if k not in self]
        return self._keep_positive((k, self[k] + other[k]) for k in keys)

    def __sub__(self, other):
        return self._keep_positive((k, self[k] - other[k]) for k in self)

    def __or__(self, other):
        keys = list(self) + [k for k in other if k not in self]
        return self._keep_positive((k, max(self[k], other[k])) for k in keys)

    def __and__(self, other):
        return self._keep_positive((k, min(self[k], other[k])) for k in self if k in other)

    def __repr__(self):
        if not self:
            return "Counter()"
        items = ", ".join(f"{elem!r}: {count!r}" for elem, count in self.most_common())
        return "Counter({" + items + "})"


class OrderedDict(dict):
    """A dict that can move keys to either end (plain dicts keep insertion order already)."""

    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
            return
        rest = list(self.items())
        self.clear()
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(list(self))) if last else next(iter(self))
        return key, self.pop(key)

    def copy(self):
        return OrderedDict(self)

    def __repr__(self):
        if not self:
            return "OrderedDict()"
        return f"OrderedDict({list(self.items())!r})"


class deque:
    """A double-ended queue: appends and pops at either end in amortised O(1).

    Two lists hold it: `_front` the left part reversed, `_back` the right part; a pop from
    an empty side moves half of the other side over."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None and maxlen < 0:
            raise ValueError("maxlen must be non-negative")
        self._front = []
        self._back = []
        self.maxlen = maxlen
        self.extend(iterable)

    def __len__(self):
        return len(self._front) + len(self._back)

    def __bool__(self):
        return len(self) > 0

    def _trim_left(self):
        if self.maxlen is not None:
            while len(self) > self.maxlen:
                self.popleft()

    def _trim_right(self):
        if self.maxlen is not None:
            while len(self) > self.maxlen:
                self.pop()

    def append(self, item):
        self._back.append(item)
        self._trim_left()

    def appendleft(self, item):
        self._front.append(item)
        self._trim_right()

    def extend(self, iterable):
        for item in iterable:
            self.append(item)

    def extendleft(self, iterable):
        for item in iterable:
            self.appendleft(item)

    def _split(self, front_size):
        items = list(self)
        self._front = items[:front_size][::-1]
        self._back = items[front_size:]

    def pop(self):
        if not self._back:
            if not self._front:
                raise IndexError("pop from an empty deque")
            self._split(len(self) // 2)
        return self._back.pop()

    def popleft(self):
        if not self._front:
            if not self._back:
                raise IndexError("pop from an empty deque")
            self._split((len(self) + 1) // 2)
        return self._front.pop()

    def clear(self):
        self._front = []
        self._back = []

    def rotate(self, n=1):
        if len(self) <= 1:
            return
        n %= len(self)
        items = list(self)
        items = items[-n:] + items[:-n]
        self._front = []
        self._back = items

    def _index(self, i):
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, i):
        i = self._index(i)
        if i < len(self._front):
            return self._front[len(self._front) - 1 - i]
        return self._back[i - len(self._front)]

    def __setitem__(self, i, value):
        i = self._index(i)
        if i < len(self._front):
            self._front[len(self._front) - 1 - i] = value
        else:
            self._back[i - len(self._front)] = value

    def __iter__(self):
        for i in range(len(self._front) - 1, -1, -1):
            yield self._front[i]
        for item in self._back:
            yield item

    def __reversed__(self):
        for i in range(len(self._back) - 1, -1, -1):
            yield self._back[i]
        for item in self._front:
            yield item

    def __contains__(self, item):
        return item in self._front or item in self._back

    def __eq__(self, other):
        return isinstance(other, deque) and list(self) == list(other)

    __hash__ = None

    def count(self, item):
        return self._front.count(item) + self._back.count(item)

    def index(self, item):
        for i, x in enumerate(self):
            if x == item:
                return i
        raise ValueError(f"{item!r} is not in deque")

    def remove(self, item):
        items = list(self)
        items.remove(item)
        self._front = []
        self._back = items

    def reverse(self):
        self._front, self._back = self._back, self._front

    def copy(self):
        return deque(self, self.maxlen)

    def __repr__(self):
        if self.maxlen is None:
            return f"deque({list(self)!r})"
        return f"deque({list(self)!r}, maxlen={self.maxlen})"


def namedtuple(typename, field_names, *, defaults=None):
    """A tuple subclass whose items are also attributes."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    fields = tuple(field_names)
    for name in fields:
        if not name.isidentifier() or name.startswith("_"):
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
    defaults = tuple(defaults) if defaults is not None else ()
    if len(defaults) > len(fields):
        raise TypeError("Got more default values than field names")
    first_default = len(fields) - len(defaults)

    def __new__(cls, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{typename}.__new__() takes {len(fields) + 1} positional "
                            f"arguments but {len(args) + 1} were given")
        values = list(args)
        for i in range(len(args), len(fields)):
            name = fields[i]
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif i >= first_default:
                values.append(defaults[i - first_default])
            else:
                raise TypeError(f"{typename}.__new__() missing 1 required positional "
                                f"argument: {name!r}")
        if kwargs:
            name = next(iter(kwargs))
            raise TypeError(f"{typename}.__new__() got an unexpected keyword argument {name!r}")
        return tuple.__new__(cls, values)

    def __repr__(self):
        parts = ", ".join(f"{name}={value!r}" for name, value in zip(fields, self))
        return f"{typename}({parts})"

    def _asdict(self):
        return dict(zip(fields, self))

    def _replace(self, **changes):
        return type(self)(**{name: changes.pop(name, value) for name, value in zip(fields, self)})

    namespace = {
        "__new__": __new__,
        "__repr__": __repr__,
        "__slots__": (),
        "__match_args__": fields,
        "_fields": fields,
        "_field_defaults": dict(zip(fields[first_default:], defaults)),
        "_asdict": _asdict,
        "_replace": _replace,
    }
    for index, name in enumerate(fields):
        namespace[name] = property(lambda self, index=index: self[index])
    return type(typename, (tuple,), namespace)

from . import abc


# UserList, as CPython's collections/__init__.py writes it

_collections_abc = abc


class UserList(_collections_abc.MutableSequence):
    """A more or less complete user-defined wrapper around list objects."""

    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            # XXX should this accept an arbitrary sequence?
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __lt__(self, other):
        return self.data < self.__cast(other)

    def __le__(self, other):
        return self.data <= self.__cast(other)

    def __eq__(self, other):
        return self.data == self.__cast(other)

    def __gt__(self, other):
        return self.data > self.__cast(other)

    def __ge__(self, other):
        return self.data >= self.__cast(other)

    def __cast(self, other):
        return other.data if isinstance(other, UserList) else other

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        else:
            return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        elif isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))

    def __radd__(self, other):
        if isinstance(other, UserList):
            return self.__class__(other.data + self.data)
        elif isinstance(other, type(self.data)):
            return self.__class__(other + self.data)
        return self.__class__(list(other) + self.data)

    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        elif isinstance(other, type(self.data)):
            self.data += other
        else:
            self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self.data *= n
        return self

    def __copy__(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        # Create a copy and avoid triggering descriptors
        inst.__dict__["data"] = self.__dict__["data"][:]
        return inst

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)
