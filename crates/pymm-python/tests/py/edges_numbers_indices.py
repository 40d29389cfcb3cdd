# Edge cases of numbers, indices, formatting and very deep structures: CPython's result or error,
# never a crash (several of these once reached a Rust panic).
def t(label, f):
    try:
        r = f()
        print(label, "->", repr(r)[:60])
    except Exception as e:
        print(label, "->", type(e).__name__, str(e)[:70])
t("chr big", lambda: chr(0x110000))
t("step0", lambda: [1, 2, 3][::0])
t("shift neg", lambda: 1 << -1)
t("nan floordiv", lambda: float("nan") // 1)
t("round huge nd", lambda: round(1.5, 10**10))
t("round neg nd", lambda: round(1e308, -400))
t("pct c", lambda: "%c" % 0x110000)
t("fmt c", lambda: "{:c}".format(-1))
t("bytes 256", lambda: bytes([256]))
t("sorted mixed", lambda: sorted([1, "a"]))
t("from_bytes empty", lambda: int.from_bytes(b"", "big"))
t("to_bytes neg", lambda: (1).to_bytes(-1, "big"))
t("max none", lambda: max())
t("join int", lambda: " ".join([1]))
t("int of inf", lambda: int(float("inf")))
t("float huge int", lambda: float(10**400))
t("int big str", lambda: len(str(int("9" * 4000))))
t("mod neg zero", lambda: (-0.0) % 5)
t("slice huge", lambda: [1, 2, 3][10**20:])
t("list idx huge", lambda: [1][10**20])
t("str mul neg", lambda: "ab" * -3)
t("tuple huge idx", lambda: (1,)[-(10**20)])
t("int base 37", lambda: int("1", 37))
t("int base 1", lambda: int("1", 1))
t("hash list", lambda: hash([]))
t("float fmt huge prec", lambda: "%.500f" % 1.0)
t("float rounding", lambda: round(2.5), )
t("bigint truediv", lambda: 10**400 / 10**399)
t("bigint truediv overflow", lambda: 10**400 / 3)
t("bigint float mul", lambda: 10**400 * 1.0)
t("int pow neg", lambda: 2 ** -2)
t("zero pow neg", lambda: 0 ** -1)
t("deep repr", lambda: len(repr(eval("[" * 50 + "]" * 50))))
x = []
for i in range(100000):
    x = [x]
t("very deep eq", lambda: x == x)
t("very deep hash", lambda: hash(tuple([tuple([1])] * 3)))
y = ()
for i in range(100000):
    y = (y,)
t("very deep tuple hash", lambda: hash(y) is not None)
t("very deep tuple eq", lambda: y == y)
d = {}
for i in range(100000):
    d = {"k": d}
