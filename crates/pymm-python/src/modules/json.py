# pymm's json module, written in Python as CPython's json package is when its C accelerator
# is absent: the same encoder (indent, separators, sort_keys, ensure_ascii, default, circular
# reference checks) and the same decoder, with CPython's error messages and positions.

__all__ = ["dump", "dumps", "load", "loads", "JSONDecoder", "JSONDecodeError", "JSONEncoder"]

INFINITY = float("inf")

_ESCAPE_DCT = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
               "\t": "\\t"}
for _i in range(0x20):
    _ESCAPE_DCT.setdefault(chr(_i), "\\u{0:04x}".format(_i))
del _i


def _encode_basestring(s):
    """The JSON form of s, non-ASCII characters kept."""
    return '"' + "".join(_ESCAPE_DCT.get(c, c) for c in s) + '"'


def _encode_ascii_char(c):
    escaped = _ESCAPE_DCT.get(c)
    if escaped is not None:
        return escaped
    if c < "\x7f":
        return c
    n = ord(c)
    if n < 0x10000:
        return "\\u{0:04x}".format(n)
    n -= 0x10000
    s1 = 0xD800 | ((n >> 10) & 0x3FF)
    s2 = 0xDC00 | (n & 0x3FF)
    return "\\u{0:04x}\\u{1:04x}".format(s1, s2)


def _encode_basestring_ascii(s):
    """The JSON form of s with only ASCII characters."""
    return '"' + "".join(_encode_ascii_char(c) for c in s) + '"'


class JSONEncoder:
    """Turns Python objects into JSON text (dict, list, tuple, str, int, float, bool, None)."""

    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    def encode(self, o):
        if isinstance(o, str):
            if self.ensure_ascii:
                return _encode_basestring_ascii(o)
            return _encode_basestring(o)
        return "".join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        markers = {} if self.check_circular else None
        _encoder = _encode_basestring_ascii if self.ensure_ascii else _encode_basestring

        def floatstr(o, allow_nan=self.allow_nan):
            if o != o:
                text = "NaN"
            elif o == INFINITY:
                text = "Infinity"
            elif o == -INFINITY:
                text = "-Infinity"
            else:
                return repr(float(o))
            if not allow_nan:
                raise ValueError("Out of range float values are not JSON compliant")
            return text

        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        return _make_iterencode(markers, self.default, _encoder, indent, floatstr,
                                self.key_separator, self.item_separator, self.sort_keys,
                                self.skipkeys)(o, 0)


def _make_iterencode(markers, _default, _encoder, _indent, _floatstr, _key_separator,
                     _item_separator, _sort_keys, _skipkeys):

    def _iterencode_list(lst, _current_indent_level):
        if not lst:
            yield "[]"
            return
        if markers is not None:
            markerid = id(lst)
            if markerid in markers:
                raise ValueError("Circular reference detected")
            markers[markerid] = lst
        buf = "["
        if _indent is not None:
            _current_indent_level += 1
            newline_indent = "\n" + _indent * _current_indent_level
            separator = _item_separator + newline_indent
            buf += newline_indent
        else:
            newline_indent = None
            separator = _item_separator
        first = True
        for value in lst:
            if first:
                first = False
            else:
                buf = separator
            if isinstance(value, str):
                yield buf + _encoder(value)
            elif value is None:
                yield buf + "null"
            elif value is True:
                yield buf + "true"
            elif value is False:
                yield buf + "false"
            elif isinstance(value, int):
                yield buf + repr(int(value))
            elif isinstance(value, float):
                yield buf + _floatstr(value)
            else:
                yield buf
                if isinstance(value, (list, tuple)):
                    chunks = _iterencode_list(value, _current_indent_level)
                elif isinstance(value, dict):
                    chunks = _iterencode_dict(value, _current_indent_level)
                else:
                    chunks = _iterencode(value, _current_indent_level)
                yield from chunks
        if newline_indent is not None:
            _current_indent_level -= 1
            yield "\n" + _indent * _current_indent_level
        yield "]"
        if markers is not None:
            del markers[markerid]

    def _iterencode_dict(dct, _current_indent_level):
        if not dct:
            yield "{}"
            return
        if markers is not None:
            markerid = id(dct)
            if markerid in markers:
                raise ValueError("Circular reference detected")
            markers[markerid] = dct
        yield "{"
        if _indent is not None:
            _current_indent_level += 1
            newline_indent = "\n" + _indent * _current_indent_level
            item_separator = _item_separator + newline_indent
            yield newline_indent
        else:
            newline_indent = None
            item_separator = _item_separator
        first = True
        items = sorted(dct.items()) if _sort_keys else dct.items()
        for key, value in items:
            if isinstance(key, str):
                pass
            elif isinstance(key, float):
                key = _floatstr(key)
            elif key is True:
                key = "true"
            elif key is False:
                key = "false"
            elif key is None:
                key = "null"
            elif isinstance(key, int):
                key = repr(int(key))
            elif _skipkeys:
                continue
            else:
                raise TypeError(f"keys must be str, int, float, bool or None, "
                                f"not {key.__class__.__name__}")
            if first:
                first = False
            else:
                yield item_separator
            yield _encoder(key)
            yield _key_separator
            if isinstance(value, str):
                yield _encoder(value)
            elif value is None:
                yield "null"
            elif value is True:
                yield "true"
            elif value is False:
                yield "false"
            elif isinstance(value, int):
                yield repr(int(value))
            elif isinstance(value, float):
                yield _floatstr(value)
            else:
                if isinstance(value, (list, tuple)):
                    chunks = _iterencode_list(value, _current_indent_level)
                elif isinstance(value, dict):
                    chunks = _iterencode_dict(value, _current_indent_level)
                else:
                    chunks = _iterencode(value, _current_indent_level)
                yield from chunks
        if newline_indent is not None:
            _current_indent_level -= 1
            yield "\n" + _indent * _current_indent_level
        yield "}"
        if markers is not None:
            del markers[markerid]

    def _iterencode(o, _current_indent_level):
        if isinstance(o, str):
            yield _encoder(o)
        elif o is None:
            yield "null"
        elif o is True:
            yield "true"
        elif o is False:
            yield "false"
        elif isinstance(o, int):
            yield repr(int(o))
        elif isinstance(o, float):
            yield _floatstr(o)
        elif isinstance(o, (list, tuple)):
            yield from _iterencode_list(o, _current_indent_level)
        elif isinstance(o, dict):
            yield from _iterencode_dict(o, _current_indent_level)
        else:
            if markers is not None:
                markerid = id(o)
                if markerid in markers:
                    raise ValueError("Circular reference detected")
                markers[markerid] = o
            o = _default(o)
            yield from _iterencode(o, _current_indent_level)
            if markers is not None:
                del markers[markerid]

    return _iterencode


class JSONDecodeError(ValueError):
    """A JSON document that does not parse: msg, doc, pos, lineno and colno."""

    __module__ = "json.decoder"  # where CPython defines it, as tracebacks name it

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        errmsg = "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_CONSTANTS = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}
_BACKSLASH = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
              "t": "\t"}
_WHITESPACE = " \t\n\r"
_DIGITS = "0123456789"


def _skip_ws(s, end):
    n = len(s)
    while end < n and s[end] in _WHITESPACE:
        end += 1
    return end


def _decode_uXXXX(s, pos):
    esc = s[pos + 1:pos + 5]
    if len(esc) == 4 and esc[1] not in "xX":
        try:
            return int(esc, 16)
        except ValueError:
            pass
    raise JSONDecodeError("Invalid \\uXXXX escape", s, pos)


def _scanstring(s, end, strict=True):
    """The str starting after the quote at end - 1, and the index after its closing quote."""
    chunks = []
    begin = end - 1
    n = len(s)
    while True:
        start = end
        while end < n:
            c = s[end]
            if c == '"' or c == "\\" or c < " ":
                break
            end += 1
        else:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        if end > start:
            chunks.append(s[start:end])
        terminator = s[end]
        end += 1
        if terminator == '"':
            break
        if terminator != "\\":
            if strict:
                raise JSONDecodeError("Invalid control character at", s, end - 1)
            chunks.append(terminator)
            continue
        try:
            esc = s[end]
        except IndexError:
            raise JSONDecodeError("Unterminated string starting at", s, begin) from None
        if esc != "u":
            try:
                char = _BACKSLASH[esc]
            except KeyError:
                raise JSONDecodeError("Invalid \\escape", s, end - 1) from None
            end += 1
        else:
            uni = _decode_uXXXX(s, end)
            end += 5
            if 0xD800 <= uni <= 0xDBFF and s[end:end + 2] == "\\u":
                uni2 = _decode_uXXXX(s, end + 1)
                if 0xDC00 <= uni2 <= 0xDFFF:
                    uni = 0x10000 + (((uni - 0xD800) << 10) | (uni2 - 0xDC00))
                    end += 6
            char = chr(uni)
        chunks.append(char)
    return "".join(chunks), end


class JSONDecoder:
    """Turns JSON text into Python objects."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        obj, end = self.raw_decode(s, idx=_skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        try:
            return self._scan(s, idx)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", s, err.value) from None

    def _scan(self, s, idx):
        try:
            nextchar = s[idx]
        except IndexError:
            raise StopIteration(idx) from None
        if nextchar == '"':
            return _scanstring(s, idx + 1, self.strict)
        if nextchar == "{":
            return self._object(s, idx + 1)
        if nextchar == "[":
            return self._array(s, idx + 1)
        if nextchar == "n" and s[idx:idx + 4] == "null":
            return None, idx + 4
        if nextchar == "t" and s[idx:idx + 4] == "true":
            return True, idx + 4
        if nextchar == "f" and s[idx:idx + 5] == "false":
            return False, idx + 5
        number = self._number(s, idx)
        if number is not None:
            return number
        if nextchar == "N" and s[idx:idx + 3] == "NaN":
            return self.parse_constant("NaN"), idx + 3
        if nextchar == "I" and s[idx:idx + 8] == "Infinity":
            return self.parse_constant("Infinity"), idx + 8
        if nextchar == "-" and s[idx:idx + 9] == "-Infinity":
            return self.parse_constant("-Infinity"), idx + 9
        raise StopIteration(idx)

    def _number(self, s, idx):
        """(number, end) for a JSON number at idx (as CPython's NUMBER_RE), else None."""
        n = len(s)
        end = idx
        if end < n and s[end] == "-":
            end += 1
        if end < n and s[end] == "0":
            end += 1
        elif end < n and s[end] in "123456789":
            while end < n and s[end] in _DIGITS:
                end += 1
        else:
            return None
        integer_end = end
        frac = exp = ""
        if end + 1 < n and s[end] == "." and s[end + 1] in _DIGITS:
            end += 2
            while end < n and s[end] in _DIGITS:
                end += 1
            frac = s[integer_end:end]
        if end < n and s[end] in "eE":
            e = end + 1
            if e < n and s[e] in "+-":
                e += 1
            if e < n and s[e] in _DIGITS:
                while e < n and s[e] in _DIGITS:
                    e += 1
                exp = s[end:e]
                end = e
        if frac or exp:
            return self.parse_float(s[idx:integer_end] + frac + exp), end
        return self.parse_int(s[idx:integer_end]), end

    def _object(self, s, end):
        pairs = []
        nextchar = s[end:end + 1]
        if nextchar != '"':
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            if nextchar == "}":
                if self.object_pairs_hook is not None:
                    return self.object_pairs_hook(pairs), end + 1
                pairs = {}
                if self.object_hook is not None:
                    pairs = self.object_hook(pairs)
                return pairs, end + 1
            elif nextchar != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end)
        end += 1
        while True:
            key, end = _scanstring(s, end, self.strict)
            if s[end:end + 1] != ":":
                end = _skip_ws(s, end)
                if s[end:end + 1] != ":":
                    raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end = _skip_ws(s, end + 1)
            try:
                value, end = self._scan(s, end)
            except StopIteration as err:
                raise JSONDecodeError("Expecting value", s, err.value) from None
            pairs.append((key, value))
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == "}":
                break
            elif nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end - 1)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), end
        pairs = dict(pairs)
        if self.object_hook is not None:
            pairs = self.object_hook(pairs)
        return pairs, end

    def _array(self, s, end):
        values = []
        end = _skip_ws(s, end)
        if s[end:end + 1] == "]":
            return values, end + 1
        while True:
            try:
                value, end = self._scan(s, end)
            except StopIteration as err:
                raise JSONDecodeError("Expecting value", s, err.value) from None
            values.append(value)
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == "]":
                break
            elif nextchar != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)
        return values, end


_default_encoder = JSONEncoder()
_default_decoder = JSONDecoder()


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    """obj as a JSON str."""
    if (not skipkeys and ensure_ascii and check_circular and allow_nan and cls is None
            and indent is None and separators is None and default is None and not sort_keys
            and not kw):
        return _default_encoder.encode(obj)
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    """Writes obj as JSON to the file object fp."""
    cls = kw.pop("cls", None) or JSONEncoder
    for chunk in cls(**kw).iterencode(obj):
        fp.write(chunk)


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    """The Python object a JSON str (or bytes in UTF-8) describes."""
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    else:
        if not isinstance(s, bytes):
            raise TypeError(f"the JSON object must be str, bytes or bytearray, "
                            f"not {s.__class__.__name__}")
        s = s.decode("utf-8")
    if (cls is None and object_hook is None and parse_int is None and parse_float is None
            and parse_constant is None and object_pairs_hook is None and not kw):
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    if object_hook is not None:
        kw["object_hook"] = object_hook
    if object_pairs_hook is not None:
        kw["object_pairs_hook"] = object_pairs_hook
    if parse_float is not None:
        kw["parse_float"] = parse_float
    if parse_int is not None:
        kw["parse_int"] = parse_int
    if parse_constant is not None:
        kw["parse_constant"] = parse_constant
    return cls(**kw).decode(s)


def load(fp, **kw):
    """The Python object the JSON text of the file object fp describes."""
    return loads(fp.read(), **kw)
