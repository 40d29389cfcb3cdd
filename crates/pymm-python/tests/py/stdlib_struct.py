# struct: calcsize/pack/unpack with alignment and byte orders, Struct, iter_unpack, CPython's errors.
import struct
print(struct.calcsize("i"), struct.calcsize("<i"), struct.calcsize("bi"), struct.calcsize("<bi"), struct.calcsize("@l"), struct.calcsize("=l"), struct.calcsize("3s2xq"))
print(struct.pack("<hi", 1, -2), struct.pack(">I", 0xDEADBEEF), struct.pack("!q", -1), struct.pack("bi", 1, 2))
print(struct.pack("<d", 1.5), struct.pack(">f", -0.25), struct.pack("?c3s", True, b"x", b"abcdef"), struct.pack("5p", b"hi"))
data = struct.pack("<iHd", -7, 65535, 2.5)
print(struct.unpack("<iHd", data), struct.unpack(">f", struct.pack(">f", 0.1)), struct.unpack("<Q", b"\xff" * 8))
print(struct.unpack_from("<h", b"\x00\x01\x02", 1), list(struct.iter_unpack("<h", b"\x01\x00\x02\x00")))
s = struct.Struct("<2i")
print(s.size, s.format, s.pack(3, 4), s.unpack(b"\x05\x00\x00\x00\x06\x00\x00\x00"))
for bad in [lambda: struct.pack("b", 200), lambda: struct.pack("<I", -1), lambda: struct.pack("i", 1, 2),
            lambda: struct.unpack("i", b"\x00"), lambda: struct.calcsize("z"), lambda: struct.pack("i", "x")]:
    try:
        bad()
    except struct.error as e:
        print("struct.error:", e)
for f in ["b","B","h","H","i","I","l","L","q","Q","<b","<B","<h","<H","<i","<I","<l","<q","<Q"]:
    for v in [300 if "b" in f.lower() else (70000 if "h" in f.lower() else 2**40 if "i" in f.lower() or "l" in f.lower() and "<" in f else 2**65), -1, 2**70]:
        try: struct.pack(f, v)
        except struct.error as e: print(f, v, e)
