# struct.pack and unpack with the parsed formats cached by their text (as CPython caches
# compiled Structs): the same format as str and bytes, many distinct formats (past the
# cache's 100), formats that differ in byte order only, errors from a cached format, and
# every integer and float code read back through a stack copy of each field.
import struct


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for fmt in ("<I", b"<I", ">I", "!I", "=I", "@I", "I"):
    show(f"pack {fmt!r}", lambda: struct.pack(fmt, 0x01020304))
    show(f"unpack {fmt!r}", lambda: struct.unpack(fmt, b"\x01\x02\x03\x04"))
total = 0
for n in range(1, 260):
    fmt = f"<{n}B"
    packed = struct.pack(fmt, *range(n % 256 + 0, n % 256 + n)) if n + n % 256 <= 256 else struct.pack(fmt, *([7] * n))
    total += sum(struct.unpack(fmt, packed))
    total += struct.calcsize(f"@{n}xq")
print("many formats", total)
for fmt, values in [("<bBhHiIqQ", (-128, 255, -32768, 65535, -2**31, 2**32 - 1, -2**63, 2**64 - 1)),
                    (">bBhHiIqQ", (127, 0, 32767, 0, 2**31 - 1, 0, 2**63 - 1, 0)),
                    ("@bhilqnN", (-1, -2, -3, -4, -5, -6, 7)),
                    ("<fd", (1.5, -2.25)), (">fd", (0.1, 1e300)),
                    ("<?c3s5p", (True, b"x", b"abc", b"hey")), (">2H3x2b", (1, 2, -1, -2))]:
    packed = struct.pack(fmt, *values)
    print(fmt, packed.hex(), struct.unpack(fmt, packed), struct.unpack_from(fmt, b"\0" + packed, 1))
for i in range(3):
    show("too few", lambda: struct.pack("<HH", 1))
    show("too many", lambda: struct.pack("<H", 1, 2))
    show("range", lambda: struct.pack("<H", 70000))
    show("buffer size", lambda: struct.unpack("<H", b"abc"))
    show("bad char", lambda: struct.pack("<Y", 1))
    show("not int", lambda: struct.pack("<I", "1"))
show("Struct", lambda: (struct.Struct("<QI").size, struct.Struct("<QI").pack(1, 2)))
show("iter_unpack", lambda: list(struct.iter_unpack("<h", b"\x01\x00\xff\xff")))
