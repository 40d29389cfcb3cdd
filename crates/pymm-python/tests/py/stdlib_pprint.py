# pprint: pformat/pprint/pp with width, depth, indent, compact, sort_dicts and
# underscore_numbers; the containers it lays out itself; recursion; saferepr, isreadable,
# isrecursive; PrettyPrinter's argument errors.
import collections
import dataclasses
import io
import pprint
import re
import types

data = {
    "name": "pymm",
    "numbers": list(range(30)),
    "nested": {"b": [1, 2, {"c": (3, 4, 5)}], "a": "x" * 50},
    "tuple": tuple("abcdefghij"),
    "set": {3, 1, 2},
    "frozen": frozenset({5, 4}),
}
print(pprint.pformat(data))
print(pprint.pformat(data, width=40))
print(pprint.pformat(data, width=40, indent=4))
print(pprint.pformat(data, depth=1))
print(pprint.pformat(data, depth=2, compact=True))
print(pprint.pformat(data, sort_dicts=False, width=60))
print(pprint.pformat(list(range(40)), compact=True, width=30))
print(pprint.pformat([[1, 2, 3]] * 6, compact=True, width=20))
print(pprint.pformat(12345678901, underscore_numbers=True))
print(pprint.pformat([10**12, 3.5, -7000], underscore_numbers=True))
print(pprint.pformat({}), pprint.pformat([]), pprint.pformat(()), pprint.pformat(set()))
print(pprint.pformat((1,)), pprint.pformat(frozenset()))

# strings and bytes wider than the line are split
text = "The quick brown fox jumps over the lazy dog. " * 4
print(pprint.pformat(text, width=30))
print(pprint.pformat([text], width=40))
print(pprint.pformat({"key": text}, width=50))
print(pprint.pformat(b"0123456789" * 8, width=30))
print(pprint.pformat(bytearray(b"abcdefghij" * 5), width=30))
print(pprint.pformat("line one\nline two\nline three", width=15))

# the collections it knows
od = collections.OrderedDict([("z", 1), ("y", [2] * 20), ("x", 3)])
print(pprint.pformat(od, width=40))
dd = collections.defaultdict(list, {"k": list(range(25)), "j": []})
print(pprint.pformat(dd, width=40))
counter = collections.Counter("abracadabra" * 3)
print(pprint.pformat(counter, width=30))
chain = collections.ChainMap({"a": 1}, {"b": list(range(20))})
print(pprint.pformat(chain, width=40))
dq = collections.deque(range(30), maxlen=40)
print(pprint.pformat(dq, width=40))
print(pprint.pformat(collections.deque(range(30)), width=40))
ns = types.SimpleNamespace(alpha=list(range(15)), beta="b" * 40)
print(pprint.pformat(ns, width=40))
proxy = types.MappingProxyType({"p": list(range(20))})
print(pprint.pformat(proxy, width=40))
print(pprint.pformat(collections.OrderedDict()))
print(pprint.pformat(collections.Counter()))


@dataclasses.dataclass
class Point:
    x: int
    y: list
    hidden: int = dataclasses.field(default=0, repr=False)


print(pprint.pformat(Point(1, list(range(25))), width=40))
print(pprint.pformat([Point(2, [])]))


@dataclasses.dataclass
class Node:
    label: str
    link: object = None


node = Node("a")
node.link = node
print(repr(node), pprint.pformat(node))
print(Point.__dataclass_params__.repr, Point.__repr__.__qualname__)

# recursion (the ids differ from run to run)
def no_ids(text):
    return re.sub(r"id=[0-9]+", "id=N", text)


rec = [1, 2]
rec.append(rec)
print(no_ids(pprint.pformat(rec)))
drec = {"self": None}
drec["self"] = drec
print(no_ids(pprint.pformat(drec)))
print(no_ids(pprint.saferepr(rec)))
print(pprint.isrecursive(rec), pprint.isrecursive([1, [2]]))
print(pprint.isreadable([1, "a", (2.5, None)]), pprint.isreadable(rec))
print(pprint.isreadable(object()), pprint.isreadable({1: int}))
print(pprint.saferepr({"b": 1, "a": [2, {3: 4}]}))

# the stream forms
out = io.StringIO()
pprint.pprint(data, stream=out, width=50)
print(out.getvalue().count("\n"), out.getvalue().splitlines()[0])
pprint.pprint({"b": 1, "a": 2})
pprint.pp({"b": 1, "a": 2})
pprint.pp({"b": 1, "a": 2}, sort_dicts=True)
printer = pprint.PrettyPrinter(width=20, depth=3, compact=True)
printer.pprint([[[[1]]], list(range(12))])
print(printer.isreadable([1]), printer.isrecursive(rec))
print(printer.format({"x": 1}, {}, 0, 0))


class Custom:
    def __repr__(self):
        return "Custom<%d>" % 42


class MyList(list):
    pass


class MyDict(dict):
    def __repr__(self):
        return "MyDict()"


print(pprint.pformat([Custom()] * 3, width=20))
print(pprint.pformat(MyList(range(30)), width=40))
print(pprint.pformat(MyDict(a=1)))

# argument errors
for kwargs in ({"indent": -1}, {"depth": 0}, {"width": 0}, {"depth": -3}):
    try:
        pprint.PrettyPrinter(**kwargs)
    except ValueError as error:
        print("ValueError:", error)
try:
    pprint.PrettyPrinter(stream=None, compact=True, bogus=1)
except TypeError as error:
    print("TypeError:", "bogus" in str(error))
