# Built-ins: print's file/sep/end, eval and exec on dicts, zip(strict=), round, divmod, pow with
# a modulus (and a negative exponent: the modular inverse), ascii, format, vars.
import sys
print("to stderr", file=sys.stderr)
print(1, 2, sep="-", end="!\n")
print(eval("1 + 2 * 3"), eval("x + 1", {"x": 41}))
exec("y = 5\nprint('exec', y)")
print(list(zip([1, 2], "ab", strict=True)), list(map(lambda a, b: a + b, [1, 2], [3, 4])))
print(round(3.14159, 2), round(1234, -2), divmod(17, 5), pow(3, 4, 5), pow(2, -1, 7))
print(ascii("héllo"), format(255, "08b"), hex(-255), int("  42  "), float(" 1e3 "))
print(min(3, 1, 2, key=lambda v: -v), max([], default=None), sum([0.1] * 3, start=1))
print(isinstance(True, int), issubclass(bool, int), type(3) is int, id(None) == id(None))
print(vars(type("T", (), {"a": 1})()))
print(repr(object())[:8], hash((1, 2)) == hash((1, 2)), frozenset({1}) == {1})
for bad in [(2, -1, 4), (2, 3, 0)]:
    try:
        pow(*bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    eval("1 +")
except SyntaxError:
    print("SyntaxError from eval")
ns = {}
exec("def f(n):\n    return n * 2\nz = f(21)", ns)
print(ns["z"], eval("f(5)", ns))
