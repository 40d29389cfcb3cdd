# struct: ints of every width and sign packed and unpacked, and the struct.error messages for
# values out of range and buffers of the wrong size.
import struct


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__module__, type(e).__name__, e)


for fmt, value in [("<b", -128), ("<B", 255), ("<h", -2), (">H", 65535), ("<i", -2**31),
                   ("<I", 2**32 - 1), ("<q", -1), ("<Q", 2**64 - 1), (">q", 2**63 - 1),
                   ("@l", -5), ("=L", 7), ("!i", 258)]:
    packed = struct.pack(fmt, value)
    show(f"pack {fmt} {value}", lambda: packed)
    show(f"unpack {fmt}", lambda: struct.unpack(fmt, packed))
show("bytearray buffer", lambda: struct.unpack("<I", bytearray(b"abcd")))
show("str buffer", lambda: struct.unpack("<I", "abcd"))
show("unsigned negative", lambda: struct.pack("<I", -1))
show("byte too big", lambda: struct.pack("<b", 200))
show("ubyte negative", lambda: struct.pack("<B", -1))
show("short too small", lambda: struct.pack("<h", -40000))
show("ulonglong too big", lambda: struct.pack("<Q", 2**64))
show("longlong too big", lambda: struct.pack("<q", 2**63))
show("int too big", lambda: struct.pack("<i", 2**31))
show("not an int", lambda: struct.pack("<i", "x"))
show("bad format char", lambda: struct.pack("z"))
show("count without code", lambda: struct.calcsize("3"))
show("too few values", lambda: struct.pack("<II", 1))
show("Struct pack", lambda: struct.Struct("<H").pack(70000))
show("unpack short buffer", lambda: struct.unpack("<I", b"a"))
show("unpack_from short", lambda: struct.unpack_from("<I", b"ab", 1))
show("unpack_from offset", lambda: struct.unpack_from("<H", b"xxab", 2))
show("error is Exception", lambda: issubclass(struct.error, Exception))
show("error not ValueError", lambda: issubclass(struct.error, ValueError))
show("pack name", lambda: struct.pack.__name__)
