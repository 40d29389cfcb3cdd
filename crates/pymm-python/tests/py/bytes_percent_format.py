# printf-style formatting of bytes and bytearray (PEP 461).
print(b"%s %d" % (b"x", 3))
print(b"%5s|%-5s|" % (b"ab", bytearray(b"cd")))
print(b"%b and %s" % (b"b", b"mv"))
print(b"%x %X %o %05d %+.2f %e" % (255, 255, 8, 42, 3.14159, 12345.678))
print(b"%c%c%c" % (65, b"B", bytearray(b"C")))
print(b"%r %a" % ("\u00e9t\u00e9", b"\xff"))
print(b"%(name)s is %(age)d" % {b"name": b"Ann", b"age": 7})
print(b"100%% %s" % b"sure")
print(b"%s" % b"\x00\xff\x80")
print(bytearray(b"%s-%d") % (b"y", 5))
print(type(bytearray(b"%s") % b"z").__name__)
print(b"%*d|%-*d|" % (5, 1, 4, 2))


class WithBytes:
    def __bytes__(self):
        return b"converted"


print(b"<%s>" % WithBytes())

for fmt, args in [
    (b"%s", "str"),
    (b"%s", 3),
    (b"%c", 256),
    (b"%c", "x"),
    (b"%c", b"ab"),
    (b"%d", b"1"),
    (b"%s %s", (b"a",)),
    (b"%s", (b"a", b"b")),
    (b"%(k)s", {b"other": 1}),
]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        print(type(e).__name__, e)
