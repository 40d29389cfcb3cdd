# struct.unpack and unpack_from as the engine's functions: bytes and bytearray buffers,
# the exact size unpack needs, unpack_from's offset (positional or keyword, the rest of
# the buffer left alone), and CPython's errors; str(b, encoding, errors) and the codec
# names given as programs spell them.
import struct


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


data = struct.pack("<IhQ?d", 7, -2, 2 ** 63 + 5, True, 1.5)
show("unpack bytes", lambda: struct.unpack("<IhQ?d", data))
show("unpack bytearray", lambda: struct.unpack("<IhQ?d", bytearray(data)))
show("unpack big end", lambda: struct.unpack(">HI", b"\x01\x02\x00\x00\x01\x00"))
show("unpack native", lambda: struct.unpack("@bi", struct.pack("@bi", -1, 1 << 20)))
show("unpack too short", lambda: struct.unpack("<I", b"abc"))
show("unpack too long", lambda: struct.unpack("<I", b"abcde"))
show("unpack str", lambda: struct.unpack("<I", "abcd"))
show("unpack None", lambda: struct.unpack("<I", None))
show("unpack bad format", lambda: struct.unpack("<y", b"a"))
show("unpack one argument", lambda: struct.unpack("<I"))
show("unpack three", lambda: struct.unpack("<I", b"abcd", 0))
show("unpack keywords", lambda: struct.unpack(format="<I", buffer=b"abcd"))
show("unpack_from longer", lambda: struct.unpack_from("<H", b"\x01\x00\xff\xff"))
show("unpack_from offset", lambda: struct.unpack_from("<H", b"\x01\x00\x02\x00", 2))
show("unpack_from keyword", lambda: struct.unpack_from("<H", bytearray(b"\x01\x00\x03\x00"), offset=2))
show("unpack_from short", lambda: struct.unpack_from("<I", b"ab", 1))
show("unpack_from str", lambda: struct.unpack_from("<I", "abcd"))
show("Struct unpack", lambda: struct.Struct("<2s3p").unpack(b"ab\x02xy"))
show("iter_unpack", lambda: list(struct.iter_unpack("<H", b"\x01\x00\x02\x00")))

raw = "grüße, ok".encode("utf-8")
for enc in ("utf-8", "utf8", "UTF-8", "Utf-8", "utf_8", "U8"):
    show(f"str {enc}", lambda: str(raw, enc, "surrogatepass"))
show("str strict", lambda: str(raw + b"\xff", "utf-8"))
show("str keywords", lambda: str(raw + b"\xff", errors="replace", encoding="utf-8"))
show("str bytearray", lambda: str(bytearray(b"abc"), "ascii"))
show("str latin-1", lambda: str(b"\xe9t\xe9", "latin-1"))
show("str latin1", lambda: str(b"\xe9t\xe9", "latin1"))
show("str ascii error", lambda: str(b"\xe9", "ascii"))
show("str unknown", lambda: str(b"x", "no-such-codec"))
show("str not bytes", lambda: str("x", "utf-8"))
show("encode utf-8", lambda: "é".encode("utf-8"))
show("encode ASCII", lambda: "e".encode("ASCII"))
