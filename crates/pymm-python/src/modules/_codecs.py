# pymm's _codecs module (codecs re-exports it, as CPython's does its C _codecs): encode and
# decode through str.encode/bytes.decode, and the escape codecs that pickle uses.

__all__ = ["encode", "decode", "escape_decode", "escape_encode", "lookup"]

_ALIASES = {"utf8": "utf-8", "utf_8": "utf-8", "u8": "utf-8", "latin1": "latin-1",
            "latin_1": "latin-1", "iso8859_1": "latin-1", "iso-8859-1": "latin-1",
            "l1": "latin-1", "ascii": "ascii", "us-ascii": "ascii", "us_ascii": "ascii"}


def _normalize(encoding):
    name = encoding.lower().replace(" ", "_")
    return _ALIASES.get(name, name)


def lookup(encoding):
    """The canonical name of encoding (LookupError when pymm does not know it)."""
    name = _normalize(encoding)
    if name not in ("utf-8", "latin-1", "ascii"):
        raise LookupError(f"unknown encoding: {encoding}")
    return name


def encode(obj, encoding="utf-8", errors="strict"):
    """obj (a str) encoded to bytes."""
    if not isinstance(obj, str):
        raise TypeError(f"utf_8_encode() argument 1 must be str, not {type(obj).__name__}")
    return obj.encode(lookup(encoding), errors)


def decode(obj, encoding="utf-8", errors="strict"):
    """obj (bytes) decoded to str."""
    return bytes(obj).decode(lookup(encoding), errors)


_SIMPLE_ESCAPES = {"\\": 0x5C, "'": 0x27, '"': 0x22, "a": 0x07, "b": 0x08, "f": 0x0C,
                   "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B, "\n": None}


def escape_decode(data, errors=None):
    """(bytes with Python string escapes resolved, number of input bytes used)."""
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError("Trailing \\ in string")
        e = chr(data[i + 1])
        i += 2
        if e in _SIMPLE_ESCAPES:
            value = _SIMPLE_ESCAPES[e]
            if value is not None:
                out.append(value)
        elif e in "01234567":
            j = i - 1
            while i < n and i < j + 3 and chr(data[i]) in "01234567":
                i += 1
            out.append(int(data[j:i], 8) & 0xFF)
        elif e == "x":
            digits = data[i:i + 2]
            if len(digits) < 2 or not all(chr(d) in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError("invalid \\x escape at position %d" % (i - 2))
            out.append(int(digits, 16))
            i += 2
        else:
            out += b"\\" + e.encode("latin-1")
    return bytes(out), n


def escape_encode(data, errors=None):
    """(bytes with ', \\ and non-printable bytes escaped, number of input bytes)."""
    data = bytes(data)
    out = []
    for c in data:
        if c == 0x5C or c == 0x27:
            out.append("\\" + chr(c))
        elif c in (0x09, 0x0A, 0x0D):
            out.append({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}[c])
        elif 32 <= c < 127:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "".join(out).encode("latin-1"), len(data)
