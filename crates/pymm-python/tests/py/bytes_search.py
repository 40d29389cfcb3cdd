# bytes.find, rfind, index, rindex and count: needles that are bytes-like or one byte as an
# int, windows with slice rules, CPython's errors.

# bytes searches
data = bytes(sorted(b"the quick brown fox jumps over the lazy dog" * 3))
print([data.find(bytes([c])) for c in b" adoz!"])
print(data.find(b"oo"), data.rfind(b"oo"), data.count(b"o"), data.count(b"oo"), data.count(b""))
t = b"abcabcabcab\x00\xff\xfe"
print(t.find(b"bc", 2), t.find(b"bc", 2, 4), t.find(b"bc", -5), t.rfind(b"bc", 0, 6), t.find(b""))
print(t.find(b"", 20), t.find(b"", 14), t.rfind(b""), t.count(b"", 3, 5), t.count(b"abca"))
print(t.find(255), t.find(0xfe), t.index(b"\x00"), t.rindex(b"ab"), t.count(97), t.find(b"zz"))
print(t.find(b"a", None, None), t.find(b"c", -100, 100), t.find(b"a", 5, 2), t.count(b"a", 5, 2))
print(t.find(bytearray(b"ca")), t.find(memoryview(b"cab")), b"aaaa".count(b"aa"), b"".count(b""))
print(bytearray(b"xyzxyz").find(b"z"), bytearray(b"xyzxyz").rindex(b"x"), bytearray(b"ab").count(b"b"))
for bad in [lambda: t.find("a"), lambda: t.find(256), lambda: t.find(-1), lambda: t.index(b"q"),
            lambda: t.rindex(b"q", 1), lambda: t.find(b"a", "x"), lambda: t.count(),
            lambda: t.find(b"a", 1, 2, 3), lambda: t.rfind(b"a", end=3)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

