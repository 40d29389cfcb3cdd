# json's native accelerator _json, as CPython's C module: scanstring, make_scanner,
# encode_basestring(_ascii), make_encoder; every option, hook and error message of the
# decoder and the one-shot encoder, subclasses of the built-in types, deep nesting.
import json
import _json
from collections import OrderedDict


def attempt(label, f, *args, **kw):
    try:
        print(label, "->", repr(f(*args, **kw)))
    except (ValueError, TypeError, RecursionError, KeyError, OverflowError) as e:
        extra = ""
        if isinstance(e, json.JSONDecodeError):
            extra = f" | msg={e.msg!r} pos={e.pos} lineno={e.lineno} colno={e.colno}"
        print(label, "raises", type(e).__name__, e, extra)


# scanstring: the str after an opening quote, and the index after the closing one
attempt("scanstring plain", _json.scanstring, '"hello" tail', 1)
attempt("scanstring escapes", _json.scanstring, r'"a\"b\\c\/d\b\f\n\r\t"', 1)
attempt("scanstring unicode", _json.scanstring, r'"\u00e9\u20ac\ud83d\ude00x"', 1)
attempt("scanstring reversed pair", _json.scanstring, r'"\ude00\ud83dx"'[0:1] + '"', 1)
attempt("scanstring raw non-ascii", _json.scanstring, 'é"€😀" after', 2)
attempt("scanstring from 0", _json.scanstring, 'abc"', 0)
attempt("scanstring at end", _json.scanstring, '"', 1)
attempt("scanstring unterminated", _json.scanstring, '"abc', 1)
attempt("scanstring unterminated at 0", _json.scanstring, "abc", 0)
attempt("scanstring backslash last", _json.scanstring, '"ab\\', 1)
attempt("scanstring control", _json.scanstring, '"a\x01b"', 1)
attempt("scanstring control not strict", _json.scanstring, '"a\x01\nb"', 1, False)
attempt("scanstring control strict kw", _json.scanstring, '"a\tb"', 1, strict=False)
attempt("scanstring bad escape", _json.scanstring, r'"ab\x"', 1)
attempt("scanstring short u", _json.scanstring, r'"\u12"', 1)
attempt("scanstring u at end", _json.scanstring, r'"\u1234', 1)
attempt("scanstring bad hex", _json.scanstring, r'"\u12G4"', 1)
attempt("scanstring bad hex in pair", _json.scanstring, r'"\ud83d\uZZZZ"', 1)
attempt("scanstring out of bounds", _json.scanstring, '"ab"', 5)
attempt("scanstring negative", _json.scanstring, '"ab"', -1)
attempt("scanstring not str", _json.scanstring, b'"ab"', 1)
attempt("scanstring positions after non-ascii", _json.scanstring, '["é", "x\\n"]', 7)

# encode_basestring(_ascii)
for s in ["", "plain", 'q"b\\s', "\b\f\n\r\t\x00\x1f\x7f", "é€", "😀", "mixé\n😀"]:
    print("ascii", repr(s), _json.encode_basestring_ascii(s))
    print("unicode", repr(s), _json.encode_basestring(s))
attempt("ascii not str", _json.encode_basestring_ascii, 3)
attempt("unicode not str", _json.encode_basestring, None)


# the scanner
class Context:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": "nan!", "Infinity": "inf!", "-Infinity": "-inf!"}.__getitem__


scanner = _json.make_scanner(Context())
for doc, idx in [('{"a": 1}', 0), ("  [1, 2] x", 2), ('x"s"', 1), ("NaN", 0), ("-Infinity", 0),
                 ("Infinity]", 0), ("-12.5e3,", 0), ("1e", 0), ("1e+", 0), ("1.", 0), ("0123", 0),
                 ("-", 0), ("-x", 0), ("", 0), ("[]", 2), ("[]", 5), ("nulL", 0), ("truex", 0),
                 ("[é, 1]", 0), ('["é", 1] x', 0), ("[1, 2]", -1)]:
    try:
        print("scan", repr(doc), idx, "->", scanner(doc, idx))
    except StopIteration as e:
        print("scan", repr(doc), idx, "StopIteration", e.value)
    except (ValueError, TypeError) as e:
        print("scan", repr(doc), idx, type(e).__name__, e)

# keys are shared within one document (the memo)
first, second = json.loads('[{"key": 1}, {"key": 2}]')
print("memo shares keys", list(first)[0] is list(second)[0])

# numbers
for doc in ["0", "-0", "-0.0", "1E5", "1e-5", "2.5E+3", "123456789012345678901234567890",
            "-98765432109876543210", "1e400", "-1e400", "1.7976931348623157e308", "5e-324",
            "0.1", "9007199254740993", "[1,2.0,-3e0]"]:
    value = json.loads(doc)
    print("number", doc, repr(value), type(value).__name__)

# every decoder error, with its position
documents = ["", " ", "[", "[1", "[1,", "[1,]", "[1 2]", "{", '{"a"', '{"a":', '{"a": 1',
             '{"a": 1,', '{"a": 1,}', '{"a" 1}', "{1: 2}", "{'a': 1}", '{"a": 1 "b": 2}',
             "[1] x", "1 2", "tru", "nul", "fals", "NaNx", "-Inf", '"abc', '"a\\', '"\\q"',
             '"\\u12"', '"\\uXYZW"', '"a\tb"', "\n\n  [1, @]", "[\n1,\n]", "01", "-", "+1",
             ".5", "1.e5", "é", '["é", é]', '{"é": 1, "ü" 2}', "\ufeff[]", "[1, 2]\n\n   x"]
for doc in documents:
    attempt("loads " + repr(doc), json.loads, doc)
attempt("loads bytes", json.loads, b'{"a": [1, "\xc3\xa9"]}')
attempt("loads bytearray", json.loads, bytearray(b"[1, 2]"))
attempt("loads int", json.loads, 12)
attempt("raw_decode", json.JSONDecoder().raw_decode, '{"k": [1, 2]} trailing')
attempt("raw_decode at", json.JSONDecoder().raw_decode, 'xx[true]', 2)
attempt("raw_decode empty", json.JSONDecoder().raw_decode, "   ")
attempt("strict off", json.loads, '["a\tb\nc"]', strict=False)
attempt("strict on", json.loads, '["a\tb"]')
err = None
try:
    json.loads('{\n  "a": [1,\n   2,,\n]}')
except json.JSONDecodeError as e:
    err = e
print("error fields", err.msg, err.pos, err.lineno, err.colno, err.doc == '{\n  "a": [1,\n   2,,\n]}')
print("error args", err.args)
print("error reduce", err.__reduce__()[1][0], err.__reduce__()[1][2])

# hooks
print("object_hook", json.loads('{"a": {"b": 1}, "c": [{}]}', object_hook=lambda d: ("obj", sorted(d))))
print("pairs_hook", json.loads('{"b": 1, "a": {"x": 2}, "b": 3}', object_pairs_hook=lambda p: p))
print("pairs beats object", json.loads('{"a": 1}', object_hook=dict, object_pairs_hook=tuple))
print("ordered", json.loads('{"z": 1, "a": 2}', object_pairs_hook=OrderedDict))
print("parse_float", json.loads("[1.5, 2, 1e3]", parse_float=lambda s: "F" + s))
print("parse_int", json.loads("[1.5, 2, -30]", parse_int=lambda s: "I" + s))
print("parse_constant", json.loads("[NaN, Infinity, -Infinity]", parse_constant=lambda s: s.lower()))
attempt("hook raises", json.loads, '{"a": 1}', object_hook=lambda d: d["missing"])
attempt("parse_int raises", json.loads, "[1, 2]", parse_int=lambda s: int("x" + s))


class MyDecoder(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d):
        return {k.upper(): v for k, v in d.items()}


print("cls", json.loads('{"a": {"b": 2}}', cls=MyDecoder))

# deep nesting: RecursionError, never a crash
for doc in ["[" * 100000, '{"a":' * 100000, "[" * 100000 + "]" * 100000]:
    attempt("deep " + doc[:6], lambda d: len(str(json.loads(d))), doc)
ok = json.loads("[" * 200 + "]" * 200)
print("nesting 200 decodes", len(json.dumps(ok)))

# the encoder
data = {"s": "é\n😀", "i": -7, "f": 0.1, "big": -(10 ** 30), "l": [1, [2, []]], "t": (1,),
        "d": {}, "n": None, "b": [True, False], "inf": [1e300, 2.5e-300, 1e16, 1e-5, -0.0]}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
print(json.dumps(data, sort_keys=True, indent=1))
print(json.dumps({2: "a", 1.5: "b", True: "c", False: "d", None: "e", -3: "f"}))
print(json.dumps({float("inf"): 1, float("nan"): 2}))
attempt("nan key strict", json.dumps, {float("nan"): 1}, allow_nan=False)
attempt("inf strict", json.dumps, [1, float("inf")], allow_nan=False)
attempt("nan strict indent", json.dumps, [float("nan")], allow_nan=False, indent=1)
attempt("bad key", json.dumps, {(1,): 2})
attempt("bad key sorted", json.dumps, {(1,): 2, "a": 1}, sort_keys=True)
attempt("mixed keys sorted", json.dumps, {1: 2, "a": 1}, sort_keys=True)
attempt("skipkeys", json.dumps, {(1,): 2, "a": 1, frozenset(): 3, "b": 2}, skipkeys=True)
attempt("skipkeys first", json.dumps, {(1,): 2, "a": 1}, skipkeys=True, sort_keys=False)
attempt("not serializable", json.dumps, [1, {2, 3}])
attempt("not serializable bytes", json.dumps, {"a": b"x"})
attempt("default", json.dumps, [1, {3, 2}], default=sorted)
attempt("default returns bad", json.dumps, [{1}], default=lambda o: o)
attempt("default chain", json.dumps, [1j], default=lambda o: {"re": o.real, "im": [o.imag]})
loop = [1]
loop.append(loop)
attempt("circular list", json.dumps, loop)
d = {}
d["self"] = d
attempt("circular dict", json.dumps, d)
attempt("circular unchecked", json.dumps, loop, check_circular=False)
attempt("circular via default", json.dumps, [object()], default=lambda o: [o])
shared = [1, 2]
attempt("shared not circular", json.dumps, [shared, shared, {"a": shared}])
attempt("deep encode", lambda: len(json.dumps(json.loads("[" * 500 + "]" * 500))))
deep = []
for _ in range(100000):
    deep = [deep]
attempt("too deep encode", json.dumps, deep)
attempt("deep check off", json.dumps, deep, check_circular=False)


# subclasses of the built-in types
class S(str):
    def __repr__(self):
        return "S!"


class I(int):
    def __repr__(self):
        return "I!"

    def __str__(self):
        return "I!"


class F(float):
    def __repr__(self):
        return "F!"


class L(list):
    def __iter__(self):
        return iter(["from __iter__"])


class T(tuple):
    pass


class D(dict):
    def items(self):
        return [("from", "items()")]


class OD(dict):
    pass


sub = [S("s\n"), I(5), F(2.5), L([1, 2]), T((3, 4)), D(a=1), OD(b=2), {S("k"): I(1), I(7): F(0.5)}]
print("subclasses", json.dumps(sub))
print("subclasses sorted", json.dumps(sub[:7] + [{S("k"): I(1), S("a"): F(0.5)}], sort_keys=True))
print("subclasses indent", json.dumps(sub, indent=1))
print("subclass top str", json.dumps(S("x\u00e9")))
print("bool keys and values", json.dumps({True: False, False: True}))
print("OrderedDict", json.dumps(OrderedDict([("z", 1), ("a", 2)])))


class BadItems(dict):
    def items(self):
        return [("a", 1, 2)]


attempt("items not pairs", json.dumps, BadItems(x=1))
attempt("items not pairs sorted", json.dumps, BadItems(x=1), sort_keys=True)
attempt("empty subclass", json.dumps, [D(), L()])


# make_encoder directly, with a Python encoder function
def upper(s):
    return '"' + s.upper() + '"'


enc = _json.make_encoder({}, str, upper, None, "=", ";", True, False, True)
print("c encoder", enc({"b": ["x", 1.5], "a": (None,)}, 0))
enc = _json.make_encoder(None, repr, lambda s: 3, None, ":", ",", False, False, True)
attempt("encoder returns int", enc, ["a"], 0)
attempt("make_encoder bad markers", _json.make_encoder, [], str, upper, None, ":", ",", 0, 0, 0)
attempt("make_encoder bad separator", _json.make_encoder, None, str, upper, None, 1, ",", 0, 0, 0)
attempt("make_encoder arity", _json.make_encoder, None)


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)


print("cls", json.dumps({"c": 1 + 2j}, cls=Enc), Enc(sort_keys=True).encode({"b": 1, "a": 2j}))
print("iterencode", list(json.JSONEncoder().iterencode({"a": [1, 2]})))
print("encode str", json.JSONEncoder().encode("é"), json.JSONEncoder(ensure_ascii=False).encode("é"))

# round trips
docs = [data, sub[:3], [float("inf"), float("-inf")], {"x" * 50: ["y" * 50] * 3},
        {"nested": [{"a": [{"b": [{"c": None}]}]}]}, list(range(-5, 300, 7)),
        ["\u0000\u001f\u007f\u0080\u07ff\u0800\uffff\U00010000\U0010ffff"]]
for doc in docs:
    for ascii_only in (True, False):
        text = json.dumps(doc, ensure_ascii=ascii_only)
        back = json.loads(text)
        print("round trip", ascii_only, json.dumps(back, ensure_ascii=ascii_only) == text)
