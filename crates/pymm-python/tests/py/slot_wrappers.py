# The special methods of the built-in types as attributes (CPython's slot wrappers):
# called on the type, through super(), and on instances of subclasses.


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# super() reaches object's and the built-in bases' special methods
class Plain:
    def __repr__(self):
        return "Plain<" + super().__repr__().split(" object at ")[0] + ">"

    def __eq__(self, other):
        return super().__eq__(other)

    def __hash__(self):
        return super().__hash__() * 0 + 7

    def __str__(self):
        return "str of " + super().__str__()

    def __format__(self, spec):
        return "[" + super().__format__(spec) + "]"


p = Plain()
print("repr", repr(p))
print("eq self", p == p, "eq other", p == Plain(), "eq 1", p == 1)
print("hash", hash(p))
print("str", str(p))
print("format", format(p, ""), f"{p}")
attempt("format spec", lambda: format(p, "x"))


class Err(ValueError):
    def __str__(self):
        return "Err: " + super().__str__()

    def __repr__(self):
        return "R" + super().__repr__()


print("exception str", str(Err("bad", 2)), str(Err("one")), repr(Err("x")))
print("BaseException.__str__", BaseException.__str__(KeyError("k")), repr(ValueError.__repr__(ValueError(1, 2))))


# subclasses of dict, list, int, str calling their base's methods
class D(dict):
    def __setitem__(self, key, value):
        dict.__setitem__(self, key, value * 2)

    def __getitem__(self, key):
        return dict.__getitem__(self, key) + 1

    def __repr__(self):
        return "D" + dict.__repr__(self)

    def __contains__(self, key):
        return dict.__contains__(self, key) or key == "always"


d = D()
d["x"] = 5
print("D", d["x"], repr(d), dict.__len__(d), "x" in d, "always" in d, "y" in d)
dict.__delitem__(d, "x")
print("D after del", dict.__repr__(d), dict.__len__(d))


class L(list):
    def __eq__(self, other):
        return list.__eq__(self, other)

    def __add__(self, other):
        return L(list.__add__(self, other))

    def __iadd__(self, other):
        return list.__iadd__(self, other)


lst = L([1])
print("L", lst == [1], lst + [2], type(lst + [2]).__name__, list.__len__([1, 2]))
lst += (3, 4)
print("L iadd", lst, type(lst).__name__)
print("list.__eq__ tuple", list.__eq__([1], (1,)))
print("list.__mul__", list.__mul__([1, 2], 2), list.__rmul__([0], 3), list.__imul__([5], 2))


class I(int):
    def __add__(self, other):
        return I(int.__add__(self, other))

    def __repr__(self):
        return "I(" + int.__repr__(self) + ")"


print("I", repr(I(3) + 4), repr(I(3) + I(4)), int.__add__(I(3), 1.5))


class S(str):
    def __getitem__(self, i):
        return S(str.__getitem__(self, i) * 2)

    def __len__(self):
        return str.__len__(self) + 100


s = S("abc")
print("S", s[1], len(s), str.__str__(s), type(str.__str__(s)).__name__, s.__str__())

# numbers: NotImplemented for operands the type does not handle, as CPython's slots
print("int.__add__", int.__add__(1, 2), int.__add__(1, 2.5), int.__radd__(1, 2))
print("int.__sub__", int.__sub__(10, 3), int.__rsub__(10, 3), int.__mul__(3, True))
print("int.__truediv__", int.__truediv__(7, 2), int.__floordiv__(7, 2), int.__mod__(-7, 2))
print("int.__divmod__", int.__divmod__(7, 2), int.__rdivmod__(7, 100), int.__pow__(2, 10))
print("int bits", int.__and__(12, 10), int.__or__(12, 10), int.__xor__(12, 10), int.__lshift__(1, 5), int.__rshift__(64, 3))
print("int unary", int.__neg__(5), int.__pos__(-5), int.__abs__(-5), int.__invert__(5))
print("int conv", int.__int__(True), int.__float__(2), int.__index__(7), int.__bool__(0), int.__bool__(3))
print("int cmp", int.__lt__(1, 2), int.__eq__(1, 1.0), int.__ge__(2, 2), int.__ne__(1, 2))
print("int hash", int.__hash__(10) == hash(10), int.__repr__(10**20), int.__format__(255, "x"))
print("bool", bool.__and__(True, False), bool.__and__(True, 3), bool.__or__(False, 1.0), bool.__repr__(False))
print("float", float.__add__(1.5, 2), float.__radd__(1.5, 2), float.__add__(1.5, "x"), float.__mul__(2.0, 3))
print("float cmp", float.__lt__(1.0, 2), float.__eq__(2.0, 2), float.__gt__(1.0, "a"))
print("float conv", float.__int__(-2.7), float.__float__(3.0), float.__bool__(0.0), float.__repr__(0.1), float.__format__(3.14159, ".2f"))
print("float ops", float.__neg__(1.5), float.__abs__(-2.5), float.__divmod__(7.5, 2), float.__rtruediv__(2.0, 1), float.__pow__(2.0, 0.5))
print("complex", complex.__add__(1j, 1), complex.__mul__(2j, 2j), complex.__abs__(3 + 4j), complex.__eq__(1j, 1j))

# sequences
print("str", str.__add__("a", "b"), str.__mul__("ab", 3), str.__rmul__("ab", 2), str.__mod__("%d-%s", (1, "x")))
print("str more", str.__len__("abc"), str.__getitem__("abc", 1), str.__contains__("abc", "bc"), str.__lt__("a", "b"), str.__eq__("a", 1))
print("str rmod", str.__rmod__("x", 5), str.__hash__("a") == hash("a"), str.__repr__("it's"), str.__format__("ab", ">4"))
print("bytes", bytes.__add__(b"a", bytearray(b"b")), bytes.__len__(b"abc"), bytes.__getitem__(b"abc", 0), bytes.__eq__(b"a", bytearray(b"a")))
print("bytearray", bytearray.__add__(bytearray(b"a"), b"b"), bytearray.__iadd__(bytearray(b"x"), b"y"))
print("tuple", tuple.__add__((1,), (2,)), tuple.__mul__((1,), 3), tuple.__getitem__((1, 2), -1), tuple.__hash__((1, 2)) == hash((1, 2)))
print("tuple cmp", tuple.__lt__((1,), (2,)), tuple.__eq__((1,), [1]), tuple.__contains__((1, 2), 2), tuple.__len__(()))
print("list", list.__getitem__([1, 2, 3], slice(1, None)), list.__contains__([1], 1), list.__iter__([7]).__next__())
lst2 = [1, 2, 3]
list.__setitem__(lst2, 0, "a")
list.__delitem__(lst2, 1)
print("list set/del", lst2)
print("dict", dict.__or__({1: 2}, {3: 4}), dict.__or__({}, [1]), dict.__eq__({1: 2}, {1: 2}), dict.__iter__({5: 6}).__next__())
dd = {1: 2}
print("dict ior", dict.__ior__(dd, [(3, 4)]), dd)
print("set", set.__or__({1}, {2}), set.__or__({1}, [2]), set.__and__({1, 2}, frozenset({2})), set.__sub__({1, 2}, {1}))
ss = {1}
print("set ior", set.__ior__(ss, {2}), ss, set.__ior__(ss, [3]))
print("frozenset", frozenset.__xor__(frozenset({1, 2}), {2, 3}), frozenset.__hash__(frozenset()) == hash(frozenset()))
print("range", range.__len__(range(10)), range.__getitem__(range(10), 3), range.__contains__(range(5), 4), range.__eq__(range(3), range(0, 3)))
print("object", object.__eq__(p, p), object.__eq__(p, 1), object.__ne__(p, 1), object.__lt__(p, p), object.__str__(1))


class WithEq:
    def __eq__(self, other):
        return other == 42


print("object.__ne__ uses __eq__", object.__ne__(WithEq(), 42), object.__ne__(WithEq(), 1), WithEq() != 42)

# hashability as CPython's: the mutable containers set __hash__ = None
print("unhashable", list.__hash__, dict.__hash__, set.__hash__, bytearray.__hash__)


class LL(list):
    pass


attempt("hash(LL())", lambda: hash(LL()))
attempt("hash([])", lambda: hash([]))


class Restored(list):
    __hash__ = object.__hash__


print("restored hash works", hash(Restored()) == hash(Restored()) or True)

# a built-in base's method wins over a mixin's later in the MRO, as CPython resolves it
class Mixin:
    def __len__(self):
        return 99


class Both(list, Mixin):
    pass


print("MRO order", len(Both([1, 2])), Both.__len__ is list.__len__)

# errors, as CPython words them
attempt("wrong receiver", lambda: int.__add__("a", 1))
attempt("no receiver", lambda: int.__add__())
attempt("too few", lambda: int.__add__(1))
attempt("too many", lambda: int.__neg__(1, 2))
attempt("keywords", lambda: int.__add__(1, other=2))
attempt("str concat", lambda: str.__add__("a", 1))
attempt("list concat", lambda: list.__add__([], ()))
attempt("bytes concat", lambda: bytes.__add__(b"", 1))
attempt("seq repeat", lambda: list.__mul__([1], "x"))
attempt("format arg", lambda: int.__format__(1, 2))
attempt("object receiver of dict", lambda: dict.__len__([]))

# the special methods are listed by dir() and found by hasattr, as in CPython
for t in (int, float, str, list, dict, tuple, set, object):
    print("has", t.__name__, [n for n in ("__add__", "__len__", "__eq__", "__repr__", "__hash__", "__iter__", "__getitem__", "__bool__") if hasattr(t, n) and getattr(t, n) is not None])
