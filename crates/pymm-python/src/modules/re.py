# pymm's re module, written in Python over _sre (CPython's pattern syntax on the fancy-regex
# engine): compile, match, search, fullmatch, findall, finditer, sub, subn, split, escape,
# Pattern and Match objects as CPython's. A bytes pattern (or subject) is matched as the str
# of its latin-1 decoding, one character per byte, with ASCII semantics as CPython gives it.

import _sre
from enum import IntFlag

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
           "compile", "purge", "template", "escape", "error", "Pattern", "Match", "A", "I",
           "L", "M", "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL",
           "VERBOSE", "UNICODE", "NOFLAG", "RegexFlag"]

class RegexFlag(IntFlag):
    """The flags of compile() and the module functions; they combine with |."""

    NOFLAG = 0
    TEMPLATE = T = 1
    IGNORECASE = I = 2
    LOCALE = L = 4
    MULTILINE = M = 8
    DOTALL = S = 16
    UNICODE = U = 32
    VERBOSE = X = 64
    DEBUG = 128
    ASCII = A = 256

    def __repr__(self):
        names = ["re." + m._name_ for m in self]
        return "|".join(names) if names else "re.NOFLAG"

    __str__ = __repr__


NOFLAG = RegexFlag.NOFLAG
TEMPLATE = T = RegexFlag.TEMPLATE
IGNORECASE = I = RegexFlag.IGNORECASE
LOCALE = L = RegexFlag.LOCALE
MULTILINE = M = RegexFlag.MULTILINE
DOTALL = S = RegexFlag.DOTALL
UNICODE = U = RegexFlag.UNICODE
VERBOSE = X = RegexFlag.VERBOSE
DEBUG = RegexFlag.DEBUG
ASCII = A = RegexFlag.ASCII


class error(Exception):
    """A pattern that does not compile: msg, pattern, pos."""

    __module__ = "re"

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.lineno = self.colno = None
        if pattern is not None and pos is not None:
            self.lineno = pattern.count("\n", 0, pos) + 1
            self.colno = pos - pattern.rfind("\n", 0, pos)
            if "\n" in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
            else:
                msg = "%s at position %d" % (msg, pos)
        super().__init__(msg)


PatternError = error


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        self._bytes = isinstance(pattern, (bytes, bytearray))
        if self._bytes:
            if flags & UNICODE:
                raise ValueError("cannot use UNICODE flag with a bytes pattern")
            text = pattern.decode("latin-1")
        elif isinstance(pattern, str):
            if flags & UNICODE and flags & ASCII:
                raise ValueError("ASCII and UNICODE flags are incompatible")
            text = pattern
        else:
            raise TypeError("first argument must be string or compiled pattern")
        compile_flags = int(flags) | int(ASCII) if self._bytes else int(flags)
        try:
            self._index = _sre.compile(text, compile_flags)
        except ValueError as e:
            raise error(str(e).strip(), pattern) from None
        self.pattern = pattern
        if not self._bytes and not flags & ASCII:
            flags |= UNICODE
        self.flags = int(flags)
        self.groups = _sre.groups(self._index)
        self.groupindex = _sre.groupindex(self._index)
        self._templates = {}

    def _text(self, string):
        """The str the engine matches for string (a bytes subject decoded as latin-1)."""
        if isinstance(string, str):
            if self._bytes:
                raise TypeError("cannot use a bytes pattern on a string-like object")
            return string
        if isinstance(string, (bytes, bytearray)):
            if not self._bytes:
                raise TypeError("cannot use a string pattern on a bytes-like object")
            return string.decode("latin-1")
        raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")

    def _run(self, string, pos, endpos, mode, text=None):
        if text is None:
            text = self._text(string)
        spans = _sre.search(self._index, text, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, spans, pos, len(string) if endpos is None else endpos)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=None):
        """Every non-overlapping match, left to right; an empty match may follow a non-empty
        one where it ended, but never a second empty one at the same place (as CPython)."""
        text = self._text(string)
        end = len(string) if endpos is None else min(endpos, len(string))
        empty_at = -1
        while pos <= end:
            m = self._run(string, pos, end, 0, text)
            if m is None:
                return
            if m.start() == m.end() == empty_at:
                pos += 1
                continue
            yield m
            pos = m.end()
            empty_at = pos if m.start() == pos else -1

    def findall(self, string, pos=0, endpos=None):
        return _sre.findall(self._index, self._text(string), pos, endpos, self._bytes)

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        count = 0
        for m in self.finditer(string):
            if maxsplit and count >= maxsplit:
                break
            start, stop = m.span()
            out.append(string[last:start])
            out.extend(m.groups())
            last = stop
            count += 1
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        if self._bytes and isinstance(string, bytearray):
            string = bytes(string)  # the result is bytes, as CPython's
        if callable(repl):
            expand = repl
        else:
            template = self._template(repl)
            if type(string) is str and not self._bytes:
                return _sre.subn(self._index, string, template, count)
            if type(string) is bytes and self._bytes:
                # the engine runs on the latin-1 text; its result encodes back byte for byte
                template = [p if isinstance(p, int) else p.decode("latin-1") for p in template]
                text, n = _sre.subn(self._index, string.decode("latin-1"), template, count)
                return text.encode("latin-1"), n
            expand = lambda m: _expand(template, m)
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            start, stop = m.span()
            out.append(string[last:start])
            piece = expand(m)
            if piece is not None:
                if not isinstance(piece, (bytes, bytearray) if self._bytes else str):
                    kind = "a bytes-like object" if self._bytes else "str instance"
                    raise TypeError(f"expected {kind}, {type(piece).__name__} found")
                out.append(bytes(piece) if type(piece) is bytearray else piece)
            last = stop
            n += 1
        out.append(string[last:])
        return string[:0].join(out), n

    def _template(self, repl):
        """The parsed replacement repl, parsed once per pattern (CPython caches it too)."""
        key = (type(repl), repl)
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = _parse_template(repl, self)
        return template

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError("Pattern.scanner is not available in pymm")

    def __repr__(self):
        flags = self.flags & ~UNICODE
        text = repr(self.pattern)
        if flags:
            names = [n for n, v in (("re.IGNORECASE", I), ("re.LOCALE", L), ("re.MULTILINE", M),
                                    ("re.DOTALL", S), ("re.VERBOSE", X), ("re.ASCII", A))
                     if flags & v]
            return f"re.compile({text}, {'|'.join(names)})"
        return f"re.compile({text})"

    def __eq__(self, other):
        return isinstance(other, Pattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Match:
    """The result of a successful match: groups and their positions."""

    def __init__(self, pattern, string, spans, pos, endpos):
        self.re = pattern
        self.string = string
        # groups of a bytearray subject are bytes, as in CPython
        self._subject = bytes(string) if isinstance(string, bytearray) else string
        self._spans = spans
        self.pos = pos
        self.endpos = endpos
        last = None
        for i in range(1, len(spans)):
            if spans[i][0] >= 0 and (last is None or spans[i][1] >= spans[last][1]):
                last = i
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, index in pattern.groupindex.items():
                if index == last:
                    self.lastgroup = name

    def _index(self, group):
        if isinstance(group, int) and 0 <= group < len(self._spans):
            return group
        if isinstance(group, str) and group in self.re.groupindex:
            return self.re.groupindex[group]
        raise IndexError("no such group")

    def group(self, *groups):
        if not groups:
            groups = (0,)
        values = []
        for g in groups:
            start, stop = self._spans[self._index(g)]
            values.append(None if start < 0 else self._subject[start:stop])
        return values[0] if len(values) == 1 else tuple(values)

    def __getitem__(self, group):
        return self.group(group)

    def groups(self, default=None):
        return tuple(default if s < 0 else self._subject[s:e] for s, e in self._spans[1:])

    def groupdict(self, default=None):
        out = {}
        for name, index in self.re.groupindex.items():
            s, e = self._spans[index]
            out[name] = default if s < 0 else self._subject[s:e]
        return out

    def start(self, group=0):
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        return self._spans[self._index(group)][1]

    def span(self, group=0):
        return tuple(self._spans[self._index(group)])

    def expand(self, template):
        return _expand(_parse_template(template, self.re), self)

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<re.Match object; span={self.span()!r}, match={self.group()!r}>"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "b": "\b",
            "\\": "\\"}


def _parse_template(repl, pattern):
    """A replacement string as literal pieces and group numbers (\\1, \\g<name>, \\g<2>);
    for a bytes pattern, the literal pieces are bytes."""
    if pattern._bytes:
        if isinstance(repl, str):
            raise TypeError("sequence item 0: expected a bytes-like object, str found")
        if not isinstance(repl, (bytes, bytearray)):
            raise TypeError(f"decoding to str: need a bytes-like object, {type(repl).__name__} found")
        pieces = _parse_template_text(repl.decode("latin-1"), pattern)
        return [p if isinstance(p, int) else p.encode("latin-1") for p in pieces]
    if isinstance(repl, (bytes, bytearray)):
        raise TypeError(f"sequence item 0: expected str instance, {type(repl).__name__} found")
    if not isinstance(repl, str):
        raise TypeError(f"decoding to str: need a bytes-like object, {type(repl).__name__} found")
    return _parse_template_text(repl, pattern)


def _parse_template_text(repl, pattern):
    pieces = []
    literal = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != "\\" or i + 1 >= n:
            if c == "\\":
                raise error("bad escape (end of pattern)", repl, i)
            literal.append(c)
            i += 1
            continue
        nxt = repl[i + 1]
        if nxt == "g":
            close = repl.find(">", i + 3)
            if not repl.startswith("<", i + 2) or close < 0:
                raise error("missing <", repl, i + 2)
            name = repl[i + 3:close]
            if name.isdigit():
                index = int(name)
            elif name in pattern.groupindex:
                index = pattern.groupindex[name]
            else:
                raise IndexError(f"unknown group name '{name}'")
            if index > pattern.groups:
                raise error(f"invalid group reference {index}", repl, i + 3)
            pieces.append("".join(literal))
            literal = []
            pieces.append(index)
            i = close + 1
        elif nxt.isdigit():
            j = i + 1
            while j < n and j < i + 3 and repl[j].isdigit():
                j += 1
            index = int(repl[i + 1:j])
            if index > pattern.groups:
                raise error(f"invalid group reference {index}", repl, i + 1)
            pieces.append("".join(literal))
            literal = []
            pieces.append(index)
            i = j
        elif nxt in _ESCAPES:
            literal.append(_ESCAPES[nxt])
            i += 2
        elif nxt.isalpha():
            raise error(f"bad escape \\{nxt}", repl, i)
        else:
            literal.append("\\" + nxt)
            i += 2
    pieces.append("".join(literal))
    return pieces


def _expand(template, match):
    empty = match.string[:0]
    out = []
    for piece in template:
        if isinstance(piece, int):
            out.append(match.group(piece) or empty)
        else:
            out.append(piece)
    return empty.join(out)


_cache = {}


def compile(pattern, flags=0):
    """The compiled form of pattern (a Pattern is returned unchanged)."""
    return _compile(pattern, flags)


def _compile(pattern, flags):
    # the module functions call this rather than compile(), as CPython's do, so that a
    # program replacing re.compile does not see their patterns
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    compiled = _cache.get(key)
    if compiled is None:
        compiled = Pattern(pattern, flags)
        _cache[key] = compiled
    return compiled


def purge():
    _cache.clear()


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def template(pattern, flags=0):
    return _compile(pattern, flags | TEMPLATE)


_SPECIAL_CHARS = set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    """pattern with every regular expression special character escaped."""
    if isinstance(pattern, (bytes, bytearray)):
        return escape(pattern.decode("latin-1")).encode("latin-1")
    return "".join("\\" + c if c in _SPECIAL_CHARS else c for c in pattern)
