# json: dumps/loads with indent, sort_keys, separators, ensure_ascii, default, hooks, and
# CPython's errors with their positions.
import json

data = {"name": "pymm", "ints": [1, -2, 3], "float": 1.5, "big": 10 ** 20, "t": True,
        "f": False, "none": None, "nested": {"b": [1, {"c": []}], "a": {}}, "tuple": (1, 2),
        "text": "quote \" backslash \\ tab \t newline \n é 😀 \x01"}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, indent="\t", separators=(",", ":")))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({3: "int", 1.5: "float", True: "t", None: "n"}, sort_keys=False))
print(json.dumps([float("inf"), float("-inf"), float("nan"), 0.1, 1e100, -0.0, 3.0]))
print(json.dumps("plain"), json.dumps(None), json.dumps(12), json.dumps([]), json.dumps({}))
print(json.dumps({"x": 1}, default=str))
print(json.dumps({"set": {3}}, default=sorted))
text = json.dumps(data)
back = json.loads(text)
print(back == {**data, "tuple": [1, 2]}, type(back["big"]).__name__)
print(json.loads('  {"a": [1, 2.5, -3e2, 1E-2, 0, true, false, null], "b": "\\u00e9\\ud83d\\ude00\\n"}  '))
print(json.loads("[NaN, Infinity, -Infinity]"), json.loads('"x"'), json.loads("17"), json.loads(b"[1]"))
print(json.loads('{"a": 1, "a": 2}'), json.loads('{"a": 1}', object_pairs_hook=list))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads("[1.5, 2]", parse_float=str, parse_int=float))
print(json.JSONDecoder().raw_decode('{"k": 1} trailing'))
bad_documents = ["", "[1, 2", '{"a" 1}', "[1,]", '{"a": 1,}', "{'a': 1}", "[1] x", "tru",
                 '"abc', '"\\q"', '"\\u12"', "\n\n  [1, @]", '{"a": 1 "b": 2}', '"tab\there"',
                 "-", "01"]
for doc in bad_documents:
    try:
        json.loads(doc)
        print(repr(doc), "parsed")
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e, "|", e.msg, e.lineno, e.colno, e.pos)
for bad in [object(), {(1, 2): 3}, float("nan")]:
    try:
        json.dumps(bad, allow_nan=False)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError", e)
print(json.dumps({(1, 2): 3, "k": 4}, skipkeys=True))
print(issubclass(json.JSONDecodeError, ValueError))


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


print(json.dumps({"s": {2, 1}}, cls=Enc))


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


sink = Sink()
json.dump({"a": [1, 2]}, sink, indent=1)
print("".join(sink.parts))
