# pymm's pyexpat, written in Python over _pyexpat_scan (quick-xml reads the events of each
# chunk): the parser object that xml.parsers.expat and xml.etree.ElementTree drive, with
# expat's handlers, checks of the document's structure, namespace processing, and errors
# carrying expat's codes, messages and positions.

import sys
import _pyexpat_scan

__all__ = ["EXPAT_VERSION", "ErrorString", "ExpatError", "ParserCreate", "XMLParserType",
           "error", "errors", "model", "native_encoding", "version_info", "features",
           "XML_PARAM_ENTITY_PARSING_NEVER", "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
           "XML_PARAM_ENTITY_PARSING_ALWAYS"]

EXPAT_VERSION = "expat_2.5.0"
version_info = (2, 5, 0)
native_encoding = "UTF-8"
features = [("sizeof(XML_Char)", 1), ("sizeof(XML_LChar)", 1), ("XML_NS", 0)]
XML_PARAM_ENTITY_PARSING_NEVER = 0
XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE = 1
XML_PARAM_ENTITY_PARSING_ALWAYS = 2


class ExpatError(Exception):
    pass


ExpatError.__module__ = "xml.parsers.expat"
error = ExpatError

# expat's messages, by error code (index 0 is no error)
_MESSAGES = (
    None, "out of memory", "syntax error", "no element found",
    "not well-formed (invalid token)", "unclosed token", "partial character", "mismatched tag",
    "duplicate attribute", "junk after document element",
    "illegal parameter entity reference", "undefined entity", "recursive entity reference",
    "asynchronous entity", "reference to invalid character number",
    "reference to binary entity", "reference to external entity in attribute",
    "XML or text declaration not at start of entity", "unknown encoding",
    "encoding specified in XML declaration is incorrect", "unclosed CDATA section",
    "error in processing external entity reference", "document is not standalone",
    "unexpected parser state - please send a bug report",
    "entity declared in parameter entity",
    "requested feature requires XML_DTD support in Expat",
    "cannot change setting once parsing has begun", "unbound prefix",
    "must not undeclare prefix", "incomplete markup in parameter entity",
    "XML declaration not well-formed", "text declaration not well-formed",
    "illegal character(s) in public id", "parser suspended", "parser not suspended",
    "parsing aborted", "parsing finished", "cannot suspend in external parameter entity",
    "reserved prefix (xml) must not be undeclared or bound to another namespace name",
    "reserved prefix (xmlns) must not be declared or undeclared",
    "prefix must not be bound to one of the reserved namespace names", "invalid argument",
    "a successful prior call to function XML_GetBuffer is required",
    "limit on input amplification factor (from DTD and entities) breached",
)

_NAMES = (
    None, "NO_MEMORY", "SYNTAX", "NO_ELEMENTS", "INVALID_TOKEN", "UNCLOSED_TOKEN",
    "PARTIAL_CHAR", "TAG_MISMATCH", "DUPLICATE_ATTRIBUTE", "JUNK_AFTER_DOC_ELEMENT",
    "PARAM_ENTITY_REF", "UNDEFINED_ENTITY", "RECURSIVE_ENTITY_REF", "ASYNC_ENTITY",
    "BAD_CHAR_REF", "BINARY_ENTITY_REF", "ATTRIBUTE_EXTERNAL_ENTITY_REF", "MISPLACED_XML_PI",
    "UNKNOWN_ENCODING", "INCORRECT_ENCODING", "UNCLOSED_CDATA_SECTION",
    "EXTERNAL_ENTITY_HANDLING", "NOT_STANDALONE", "UNEXPECTED_STATE",
    "ENTITY_DECLARED_IN_PE", "FEATURE_REQUIRES_XML_DTD", "CANT_CHANGE_FEATURE_ONCE_PARSING",
    "UNBOUND_PREFIX", "UNDECLARING_PREFIX", "INCOMPLETE_PE", "XML_DECL", "TEXT_DECL",
    "PUBLICID", "SUSPENDED", "NOT_SUSPENDED", "ABORTED", "FINISHED", "SUSPEND_PE",
    "RESERVED_PREFIX_XML", "RESERVED_PREFIX_XMLNS", "RESERVED_NAMESPACE_URI",
    "INVALID_ARGUMENT", "NO_BUFFER", "AMPLIFICATION_LIMIT_BREACH",
)


class _Namespace:
    """A submodule made here (errors, model): a plain namespace with a module's name."""

    def __init__(self, name, doc):
        self.__name__ = name
        self.__doc__ = doc


errors = _Namespace("pyexpat.errors", "Constants used to describe error conditions.")
errors.codes = {}
errors.messages = {}
for _code in range(1, len(_MESSAGES)):
    setattr(errors, "XML_ERROR_" + _NAMES[_code], _MESSAGES[_code])
    errors.codes[_MESSAGES[_code]] = _code
    errors.messages[_code] = _MESSAGES[_code]
del _code

model = _Namespace("pyexpat.model", "Constants used to interpret content model information.")
for _value, _name in enumerate(("EMPTY", "ANY", "MIXED", "NAME", "CHOICE", "SEQ")):
    setattr(model, "XML_CTYPE_" + _name, _value + 1)
for _value, _name in enumerate(("NONE", "OPT", "REP", "PLUS")):
    setattr(model, "XML_CQUANT_" + _name, _value)
del _value, _name

sys.modules["pyexpat.errors"] = errors
sys.modules["pyexpat.model"] = model


def ErrorString(code):
    """The message of an expat error code."""
    if 0 < code < len(_MESSAGES):
        return _MESSAGES[code]
    return None


# event kinds of _pyexpat_scan.scan
_START, _END, _TEXT, _COMMENT, _PI, _DECL, _DOCTYPE, _CDATA = range(8)
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_WHITESPACE = " \t\r\n"
_HANDLERS = (
    "StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
    "CharacterDataHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
    "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "CommentHandler",
    "StartCdataSectionHandler", "EndCdataSectionHandler", "DefaultHandler",
    "DefaultHandlerExpand", "NotStandaloneHandler", "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler", "EndDoctypeDeclHandler", "EntityDeclHandler",
    "XmlDeclHandler", "ElementDeclHandler", "AttlistDeclHandler", "SkippedEntityHandler",
)
# encodings read by transcoding to UTF-8 first (expat's built-in ones besides UTF-8)
_TRANSCODED = {"iso-8859-1": "latin-1", "latin-1": "latin-1", "latin1": "latin-1",
               "us-ascii": "ascii", "ascii": "ascii"}


class XMLParserType:
    """An XML parser (`ParserCreate`): feed it with `Parse` or `ParseFile`."""

    def __init__(self, encoding=None, namespace_separator=None, intern=None):
        for name in _HANDLERS:
            setattr(self, name, None)
        self.buffer_text = False
        self.buffer_size = 8192
        self.buffer_used = 0
        self.ordered_attributes = False
        self.specified_attributes = False
        self.namespace_prefixes = False
        self.intern = {} if intern is None else intern
        self._separator = namespace_separator
        self._codec = _TRANSCODED.get(encoding.lower()) if encoding else None
        self._explicit_encoding = encoding is not None
        self._pending = b""
        self._line = 1
        self._column = 0
        self._byte = 0
        self._at = 0
        self._data = b""
        self._stack = []
        self._root_done = False
        self._started = False
        self._finished = False
        self._failed = None
        self._bindings = {"xml": [_XML_NAMESPACE]}
        self._declared = []
        self._namespaced = False
        # a builder that takes over the plain events (see _elementtree): called as
        # `_fast(events, i)`, it returns the index of the first event it left here
        self._fast = None
        self.ErrorCode = 0
        self.ErrorLineNumber = 1
        self.ErrorColumnNumber = 0
        self.ErrorByteIndex = -1

    # positions, as expat reports them: lines from 1, columns in characters from 0

    def _position(self, offset):
        """(line, column, byte index) of `offset` in the data being read."""
        data = self._data
        newlines = data.count(b"\n", 0, offset)
        if newlines:
            start = data.rfind(b"\n", 0, offset) + 1
            column = len(data[start:offset].decode("utf-8", "replace"))
            return self._line + newlines, column, self._byte + offset
        column = self._column + len(data[:offset].decode("utf-8", "replace"))
        return self._line, column, self._byte + offset

    @property
    def CurrentLineNumber(self):
        return self._position(self._at)[0]

    @property
    def CurrentColumnNumber(self):
        return self._position(self._at)[1]

    @property
    def CurrentByteIndex(self):
        return self._position(self._at)[2] if self._started else -1

    def _fail(self, code, offset):
        line, column, index = self._position(offset)
        self.ErrorCode = code
        self.ErrorLineNumber = line
        self.ErrorColumnNumber = column
        self.ErrorByteIndex = index
        self._failed = code
        self._raise()

    def _raise(self):
        err = ExpatError("%s: line %d, column %d" % (
            _MESSAGES[self.ErrorCode], self.ErrorLineNumber, self.ErrorColumnNumber))
        err.code = self.ErrorCode
        err.lineno = self.ErrorLineNumber
        err.offset = self.ErrorColumnNumber
        raise err

    # feeding

    def Parse(self, data, isfinal=False):
        """Parses `data` (str or bytes); `isfinal` says it ends the document."""
        if self._failed is not None:
            self._raise()
        if self._finished:
            self._data = b""
            self._fail(36, 0)
        if isinstance(data, str):
            data = data.encode("utf-8")
        elif not isinstance(data, (bytes, bytearray)):
            data = memoryview(data).tobytes()
        if not self._started:
            self._started = True
            if self._codec is None and not self._explicit_encoding:
                self._codec = _declared_codec(data)
        if self._codec is not None:
            data = data.decode(self._codec).encode("utf-8")
        data = self._pending + bytes(data)
        self._data = data
        events, consumed, failure = _pyexpat_scan.scan(data, isfinal)
        self._dispatch(events)
        if failure is not None:
            self._fail(failure[0], failure[1])
        self._consume(consumed)
        if isfinal:
            self._finished = True
            if self._stack or not self._root_done:
                self._data = b""
                self._fail(3, 0)
        return 1

    def ParseFile(self, file):
        """Parses what `file.read` hands out, to its end."""
        read = file.read
        while True:
            data = read(2048)
            if not isinstance(data, (bytes, bytearray, str)):
                raise TypeError("read() did not return a bytes object (type=%s)"
                                % type(data).__name__)
            self.Parse(data, not data)
            if not data:
                return 1

    def _consume(self, consumed):
        """Moves the position past the bytes read, keeping the rest for the next chunk."""
        data = self._data
        self._line, self._column, self._byte = self._position(consumed)
        self._pending = data[consumed:]
        self._data = self._pending
        self._at = 0

    # events

    def _dispatch(self, events):
        fast = self._fast
        if fast is None or self._namespaced:
            self._dispatch_from(events, 0, len(events))
            return
        i = 0
        n = len(events)
        while i < n:
            i = fast(events, i)
            if i < n:
                self._dispatch_from(events, i, i + 4)
                i += 4
                if self._namespaced:
                    # for the rest of the document: names are expanded here
                    self._dispatch_from(events, i, n)
                    return

    def _dispatch_from(self, events, i, n):
        stack = self._stack
        while i < n:
            kind = events[i]
            at = self._at = events[i + 1]
            if kind == _TEXT and stack:
                # character data inside the root element, the commonest event, inline
                handler = self.CharacterDataHandler
                if handler is not None:
                    handler(events[i + 2])
                else:
                    self._default(events[i + 2])
            elif kind == _START:
                self._start(at, events[i + 2], events[i + 3])
            elif kind == _END:
                self._end(at, events[i + 2])
            elif kind == _TEXT:
                self._text(at, events[i + 2])
            elif kind == _COMMENT:
                self._other(self.CommentHandler, "<!--%s-->", events[i + 2])
            elif kind == _PI:
                self._pi(at, events[i + 2], events[i + 3])
            elif kind == _DECL:
                self._decl(at, events[i + 2], events[i + 3])
            elif kind == _DOCTYPE:
                self._doctype(at, events[i + 2])
            else:
                self._cdata(events[i + 2])
            i += 4

    def _start(self, at, name, attrs):
        stack = self._stack
        if not stack and self._root_done:
            self._fail(9, at)
        stack.append(name)
        if self._separator is not None and (self._namespaced or self._uses_namespaces(name, attrs)):
            name, attrs = self._resolve(at, name, attrs)
        handler = self.StartElementHandler
        if handler is not None:
            if not self.ordered_attributes:
                attrs = {attrs[j]: attrs[j + 1] for j in range(0, len(attrs), 2)}
            handler(name, attrs)

    def _end(self, at, name):
        stack = self._stack
        if not stack or stack[-1] != name:
            self._fail(7, at + 2)
        stack.pop()
        if not stack:
            self._root_done = True
        if self._namespaced:
            name = self._expand(at, name, True)
        handler = self.EndElementHandler
        if handler is not None:
            handler(name)
        if self._namespaced:
            self._end_namespaces()

    def _text(self, at, text):
        if self._stack:
            handler = self.CharacterDataHandler
            if handler is not None:
                handler(text)
            else:
                self._default(text)
            return
        stripped = text.lstrip(_WHITESPACE)
        if stripped:
            start = at + len(text.encode("utf-8")) - len(stripped.encode("utf-8"))
            if self._root_done:
                self._fail(9, start)
            # expat reads a word there: followed by more text, it is a syntax error; run
            # into the `<` after it, an invalid token where it ends
            word = stripped.split()[0]
            if len(word) < len(stripped):
                self._fail(2, start)
            self._fail(4, start + len(word.encode("utf-8")))
        self._default(text)

    def _cdata(self, text):
        start = self.StartCdataSectionHandler
        if start is not None:
            start()
        else:
            self._default("<![CDATA[")
        handler = self.CharacterDataHandler
        if handler is not None:
            handler(text)
        end = self.EndCdataSectionHandler
        if end is not None:
            end()
        else:
            self._default("]]>")

    def _other(self, handler, form, text):
        if handler is not None:
            handler(text)
        else:
            self._default(form % text)

    def _pi(self, at, target, data):
        if target.lower() == "xml":
            self._fail(17, at)
        handler = self.ProcessingInstructionHandler
        if handler is not None:
            handler(target, data)
        else:
            self._default("<?%s %s?>" % (target, data))

    def _decl(self, at, version, rest):
        if at + self._byte != 0:
            self._fail(17, at)
        handler = self.XmlDeclHandler
        if handler is not None:
            encoding, standalone = rest
            flag = -1 if standalone is None else int(standalone == "yes")
            handler(version, encoding, flag)

    def _doctype(self, at, raw):
        if self._stack or self._root_done:
            self._fail(2, at)
        body = raw[len("<!DOCTYPE"):-1]
        internal = "[" in body
        words = _doctype_words(body.split("[", 1)[0])
        name = words[0] if words else None
        pubid = sysid = None
        if len(words) >= 3 and words[1] == "PUBLIC":
            pubid = words[2][1:-1]
            sysid = words[3][1:-1] if len(words) > 3 else None
        elif len(words) >= 3 and words[1] == "SYSTEM":
            sysid = words[2][1:-1]
        start = self.StartDoctypeDeclHandler
        if start is not None:
            start(name, sysid, pubid, int(internal))
        elif self.DefaultHandlerExpand is not None or self.DefaultHandler is not None:
            for word in ["<!DOCTYPE"] + words + [">"]:
                self._default(word)
        end = self.EndDoctypeDeclHandler
        if end is not None:
            end()

    def _default(self, text):
        handler = self.DefaultHandlerExpand
        if handler is None:
            handler = self.DefaultHandler
        if handler is not None:
            handler(text)

    # namespaces (when ParserCreate was given a separator)

    def _uses_namespaces(self, name, attrs):
        """True from the first element with a prefix or a namespace declaration on: the
        elements before it, in no namespace, were read as they are."""
        if ":" not in name:
            for j in range(0, len(attrs), 2):
                if ":" in attrs[j] or attrs[j] == "xmlns":
                    break
            else:
                return False
        self._namespaced = True
        # no declarations on the elements already open
        self._declared = [[] for _ in range(len(self._stack) - 1)]
        return True

    def _resolve(self, at, name, attrs):
        """The element's expanded name and attributes, after its xmlns declarations."""
        declared = []
        if attrs:
            kept = []
            for j in range(0, len(attrs), 2):
                key = attrs[j]
                if key == "xmlns" or key.startswith("xmlns:"):
                    prefix = key[6:] or None
                    uri = attrs[j + 1] or None
                    if prefix is not None and uri is None:
                        self._fail(28, at)
                    self._bindings.setdefault(prefix, []).append(uri)
                    declared.append(prefix)
                    handler = self.StartNamespaceDeclHandler
                    if handler is not None:
                        handler(prefix, uri)
                else:
                    kept.append(key)
                    kept.append(attrs[j + 1])
            attrs = kept
            for j in range(0, len(attrs), 2):
                if ":" in attrs[j]:
                    attrs[j] = self._expand(at, attrs[j], False)
        self._declared.append(declared)
        return self._expand(at, name, True), attrs

    def _expand(self, at, name, element):
        """`uri + separator + local` for a name in a namespace, else the name."""
        prefix, colon, local = name.partition(":")
        if not colon:
            if not element:
                return name
            uris = self._bindings.get(None)
            uri = uris[-1] if uris else None
            return name if uri is None else uri + self._separator + name
        uris = self._bindings.get(prefix)
        if not uris or uris[-1] is None:
            self._fail(27, at)
        return uris[-1] + self._separator + local

    def _end_namespaces(self):
        declared = self._declared.pop()
        handler = self.EndNamespaceDeclHandler
        for prefix in reversed(declared):
            self._bindings[prefix].pop()
            if handler is not None:
                handler(prefix)

    # the rest of expat's interface

    def SetParamEntityParsing(self, flag):
        return 1

    def UseForeignDTD(self, flag=True):
        pass

    def SetBase(self, base):
        self._base = base

    def GetBase(self):
        return getattr(self, "_base", None)

    def GetInputContext(self):
        return None


def _doctype_words(text):
    """The words of a DOCTYPE declaration, a quoted literal being one word."""
    words = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in _WHITESPACE:
            i += 1
        elif c in "\"'":
            j = text.find(c, i + 1)
            j = n if j < 0 else j + 1
            words.append(text[i:j])
            i = j
        else:
            j = i
            while j < n and text[j] not in _WHITESPACE:
                j += 1
            words.append(text[i:j])
            i = j
    return words


def _declared_codec(data):
    """The codec to transcode with when the XML declaration names a non-UTF-8 encoding."""
    if not data.startswith(b"<?xml"):
        return None
    end = data.find(b"?>")
    head = data[:end if end >= 0 else len(data)].decode("latin-1")
    i = head.find("encoding")
    if i < 0:
        return None
    rest = head[i + len("encoding"):].lstrip(" =")
    quote = rest[:1]
    name = rest[1:rest.find(quote, 1)] if quote in ("'", '"') else ""
    return _TRANSCODED.get(name.lower())


def ParserCreate(encoding=None, namespace_separator=None, intern=None):
    """A new parser; names in a namespace are reported as uri + namespace_separator + name."""
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("ParserCreate() argument 'encoding' must be str or None, not %s"
                        % type(encoding).__name__)
    if namespace_separator is not None:
        if not isinstance(namespace_separator, str):
            raise TypeError("ParserCreate() argument 'namespace_separator' must be str or "
                            "None, not %s" % type(namespace_separator).__name__)
        if len(namespace_separator) > 1:
            raise ValueError("namespace_separator must be at most one character, omitted, "
                             "or None")
    return XMLParserType(encoding, namespace_separator, intern)
