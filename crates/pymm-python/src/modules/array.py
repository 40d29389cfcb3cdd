# pymm's array module, written in Python: typed arrays of numbers kept in a list, checked on
# the way in as CPython's array checks them, and converted to and from bytes with struct.

import struct as _struct

__all__ = ["array", "typecodes", "ArrayType"]

typecodes = "bBuhHiIlLqQfd"

_SIZES = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8,
          "Q": 8, "f": 4, "d": 8}


# CPython's messages for a value out of range: (too small, too large)
_RANGE_ERRORS = {
    "b": ("signed char is less than minimum", "signed char is greater than maximum"),
    "B": ("unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    "h": ("signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    "H": ("unsigned short is less than minimum", "unsigned short is greater than maximum"),
    "i": ("signed integer is less than minimum", "signed integer is greater than maximum"),
    "I": ("can't convert negative value to unsigned int", "unsigned int is greater than maximum"),
    "l": ("Python int too large to convert to C long", "Python int too large to convert to C long"),
    "q": ("Python int too large to convert to C long", "Python int too large to convert to C long"),
    "L": ("can't convert negative int to unsigned",
          "Python int too large to convert to C unsigned long"),
    "Q": ("can't convert negative int to unsigned",
          "Python int too large to convert to C unsigned long"),
}


def _int_check(typecode, value):
    if not isinstance(value, int):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    bits = _SIZES[typecode] * 8
    if typecode.isupper():
        low, high = 0, 2 ** bits - 1
    else:
        low, high = -2 ** (bits - 1), 2 ** (bits - 1) - 1
    if value < low:
        raise OverflowError(_RANGE_ERRORS[typecode][0])
    if value > high:
        raise OverflowError(_RANGE_ERRORS[typecode][1])
    return value


def _check(typecode, value):
    if typecode in "fd":
        if not isinstance(value, (int, float)):
            raise TypeError(f"must be real number, not {type(value).__name__}")
        return float(value)
    if typecode == "u":
        if not isinstance(value, str) or len(value) != 1:
            raise TypeError("array item must be unicode character")
        return value
    return _int_check(typecode, value)


class array:
    """array(typecode[, initializer]): a sequence of numbers of one C type."""

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in typecodes:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, bytes):
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            if typecode != "u":
                raise TypeError("cannot use a str to initialize an array with typecode '%s'" % typecode)
            self._items = list(initializer)
        else:
            self.extend(initializer)

    def _format(self, n):
        code = {"u": "I", "l": "q", "L": "Q"}.get(self.typecode, self.typecode)
        return "<%d%s" % (n, code)

    def append(self, value):
        self._items.append(_check(self.typecode, value))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable.typecode != self.typecode:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        items = [_check(self.typecode, v) for v in iterable]
        self._items.extend(items)

    def fromlist(self, items):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        self.extend(items)

    def tolist(self):
        return list(self._items)

    def tobytes(self):
        values = [ord(c) for c in self._items] if self.typecode == "u" else self._items
        return _struct.pack(self._format(len(values)), *values)

    def frombytes(self, data):
        if len(data) % self.itemsize:
            raise ValueError("bytes length not a multiple of item size")
        values = _struct.unpack(self._format(len(data) // self.itemsize), data)
        if self.typecode == "u":
            values = [chr(v) for v in values]
        self._items.extend(values)

    def tounicode(self):
        if self.typecode != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._items)

    def buffer_info(self):
        return (id(self), len(self._items))

    def byteswap(self):
        if self.itemsize == 1:
            return
        data = self.tobytes()
        size = self.itemsize
        swapped = bytes(byte for i in range(0, len(data), size) for byte in data[i:i + size][::-1])
        self._items = []
        self.frombytes(swapped)

    def count(self, value):
        return self._items.count(value)

    def index(self, value, start=0, stop=None):
        try:
            return self._items.index(value, start, len(self._items) if stop is None else stop)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def insert(self, i, value):
        self._items.insert(i, _check(self.typecode, value))

    def pop(self, i=-1):
        if not self._items:
            raise IndexError("pop from empty array")
        return self._items.pop(i)

    def remove(self, value):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def reverse(self):
        self._items.reverse()

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, value):
        return value in self._items

    def __getitem__(self, index):
        if isinstance(index, slice):
            return array(self.typecode, self._items[index])
        try:
            return self._items[index]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            if not isinstance(value, array) or value.typecode != self.typecode:
                raise TypeError(f"can only assign array (not \"{type(value).__name__}\") to array slice")
            self._items[index] = value._items
            return
        try:
            self._items[index] = _check(self.typecode, value)
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, index):
        del self._items[index]

    def __add__(self, other):
        if not isinstance(other, array) or other.typecode != self.typecode:
            return NotImplemented
        return array(self.typecode, self._items + other._items)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return array(self.typecode, self._items * n)

    __rmul__ = __mul__

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items < other._items

    def __copy__(self):
        return array(self.typecode, self._items)

    def __deepcopy__(self, memo):
        return array(self.typecode, self._items)

    def __repr__(self):
        if not self._items:
            return f"array('{self.typecode}')"
        if self.typecode == "u":
            return f"array('u', {''.join(self._items)!r})"
        return f"array('{self.typecode}', {self._items!r})"


ArrayType = array
