# Type builtins and conversions: type, isinstance, int, str, repr, bool, hash, id, abs, divmod.
values = [1, 1.5, "s", b"b", None, True, [1], (1,), {1: 1}, {1}, range(1), len, print]
print([type(v).__name__ for v in values])
print("isinstance:", isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance("s", (int, str)))
print("type equality:", type(1) is int, type("a") == str, type([]) is list)
print("int:", int("  7 "), int("-0"), int("1010", 2), int("z", 36), int(9.99))
print("str/repr:", str("a"), repr("a"), str(b"x"), repr([1, "a", None]))
print("bool:", bool(0), bool(0.0), bool("0"), bool([]), bool(None))
print("float:", float(3), float("inf") > 10 ** 300)
a = []
b = []
print("id identity:", id(a) == id(a), id(a) == id(b))
print("hash consistency:", hash("abc") == hash("a" + "bc"), hash(1) == hash(True))
print("abs/divmod/pow:", abs(-3.5), divmod(17, 5), pow(2, 10), pow(2, -2))
print("round:", round(3.14159, 3), round(1234, -2))
print("chr/ord:", chr(9731) == "\u2603", ord("z"))
print("bin/hex/oct:", bin(10), hex(255), oct(8))
print("callable:", callable(len), callable(3))
print("getattr/hasattr:", getattr("abc", "upper")(), hasattr([], "append"))
print("dir-free introspection:", type(type(1)).__name__)
