# The paths pprint's profile took to native code: type(x) without a call, class attribute
# loads and getattr() by the name object, str.join over a list or tuple read in place,
# and pprint's own output over them (widths, sort_dicts, recursion, str escapes, unicode).
import io
import pprint


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


class MyInt(int):
    pass


class MyStr(str):
    pass


class ReprInt(int):
    def __repr__(self):
        return "ReprInt(%d)" % int(self)


# type(x), one argument: the class, the metaclass for a class
for v in [1, "s", [], {}, (), 1.5, None, True, MyInt(3), WithMeta, WithMeta(), int, type]:
    print(type(v).__name__, type(v) is v.__class__)
print(type("name", (), {}).__name__)
try:
    type()
except TypeError as e:
    print("TypeError", e)
try:
    type(1, 2)
except TypeError as e:
    print("TypeError", e)
type_alias = type
print(type_alias(5) is int)

# class attribute loads and getattr of dunder names computed or stored
print(int.__repr__ is int.__repr__, getattr(int, "__repr__") is int.__repr__)
print(int.__name__, int.__qualname__, int.__module__, MyInt.__name__, MyInt.__module__)
print(MyInt.__repr__ is int.__repr__, ReprInt.__repr__ is int.__repr__)
print(getattr(MyInt, "__bases__"), getattr(WithMeta, "__class__").__name__, MyInt.__mro__)
print(MyInt.__doc__, hasattr(int, "__flags__"))
print(getattr(int, "no_such", "default"), hasattr(int, "__repr__"), hasattr(int, "__reprx__"))
name = "".join(["__re", "pr__"])  # a name made at run time, not the interned constant
print(getattr(int, name) is int.__repr__, getattr(dict, name) is dict.__repr__)
print(getattr(MyStr, MyStr("upper"))("abc"), hasattr(MyStr, MyStr("lower")))
try:
    getattr(int, "__nope__")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(int, 5)
except TypeError as e:
    print("TypeError", e)
WithMeta.__repr__ = lambda self: "WM"
print(repr(WithMeta()), getattr(WithMeta, name)(None))

# str.join: lists, tuples, one item (the item itself when an exact str), other iterables
words = ["a", "bé", "€", "😀"]
print(", ".join(words), "-".join(tuple(words)), "".join(words), repr(" ".join([])))
one = "solo"
print(", ".join([one]) is one, ", ".join((one,)) is one, repr(", ".join([MyStr("x")])))
print(type(", ".join([MyStr("x")])).__name__, ", ".join([MyStr("x"), "y"]))
print("+".join(x for x in "abc"), "+".join({"k": 1}), "+".join("xyz"))
for bad in (["a", 1], ("a", None), [b"x"], iter(["a", 2])):
    try:
        ",".join(bad)
    except TypeError as e:
        print("TypeError", e)

# pprint over the same paths
data = [("string", (1, 2), [3, 4], {5: 6, 7: 8})] * 3
print(pprint.pformat(data))
print(pprint.pformat(data, width=30))
print(pprint.pformat({"b": [1, 2], "a": {"y": 1, "x": (2,)}, 3: "c"}, sort_dicts=False))
print(pprint.pformat({"b": 1, "a": 2, "c": {"z": 0, "y": [MyInt(1), ReprInt(2)]}}))
print(pprint.pformat({1: "a", "b": 2, None: 3, (1,): 4.5}))
rec = [1, 2]
rec.append(rec)
d = {"self": None}
d["self"] = d
import re


def no_ids(text):
    return re.sub(r"id=\d+", "id=N", text)


print(no_ids(pprint.pformat(rec)), no_ids(pprint.pformat(d)), no_ids(pprint.saferepr([rec, d])))
print(pprint.isrecursive(rec), pprint.isreadable(rec), pprint.isreadable([1, "x"]))
text = "tab\there 'q' \"dq\" back\\slash nl\n é € \x00 \u200b 😀"
print(pprint.pformat([text, text * 3], width=40))
print(pprint.pformat({"k" * 30: list(range(30))}, width=50, compact=True))
print(pprint.pformat([[1, [2, [3, [4, [5]]]]]], depth=3))
print(pprint.pformat(list(range(20)), underscore_numbers=True), pprint.pformat(10**8, underscore_numbers=True))
out = io.StringIO()
pprint.pprint({"x": [1] * 40, "y": "é" * 50}, stream=out, width=60)
print(out.getvalue(), end="")
print(len(out.getvalue()), out.tell())
pp = pprint.PrettyPrinter(indent=4, width=20)
print(pp.pformat({"one": [1, 2, 3], "two": ("a", "b")}))
text, readable, recursive = pp._safe_repr([("s", (1, 2), {5: 6})], {}, None, 0)
print(text, readable, recursive)

# printf formatting: literal runs (unicode included) copied whole, the tuple read in place
print("%s: %s" % ("k", "v"), "%r|%a|%d" % ("é", "é", 7), "é%s€%s😀" % (1, "x"))
print("%(a)s-%(b)r %%" % {"a": "é", "b": [1]}, "%5s|%-5s|%*d|%.2f" % ("ab", "cd", 4, 7, 1.234))
print("%s" % "alone", "%s" % ((1, 2),), "%d%%" % 50, "no args" % (), "%c%c" % ("é", 8364))
print("%s %s" % (MyStr("m"), MyInt(4)), "%x %o %e" % (255, 8, 12345.678))
for fmt, args in [("%s %s", ("one",)), ("%s", ("a", "b")), ("%(k)s", ("t",)), ("%", ()),
                  ("%(k", {"k": 1}), ("%d", ("x",))]:
    try:
        print(fmt % args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(b"%s-%d-%r" % (b"b", 5, b"x"), b"%(k)s" % {b"k": b"v"})
import collections


class Lookup:
    def __getitem__(self, key):
        return key.upper()


print("%(xy)s" % Lookup(), "%(a)s" % collections.UserDict(a=2), "%(a)s" % {"a": 3})
