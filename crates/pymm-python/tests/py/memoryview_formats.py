# memoryview with the multi-byte native formats: cast from and to bytes, items, slices,
# writes through a view of a bytearray, comparison, and CPython's errors.
import struct


def show(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)


b = bytearray(struct.pack("<4i", 1, -2, 3, 400000))
m = memoryview(b).cast("i")
print(m.itemsize, m.format, len(m), m.nbytes, m.tolist(), m[1], m[-1], m.shape, m.strides)
m[0] = 7
print(b[:4], m.tolist(), list(m), m.contiguous)
print(m[1:3].tolist(), m[::-1].tolist(), m[::2].strides, m[::2].nbytes)
m[1:3] = memoryview(bytearray(struct.pack("<2i", 11, 12))).cast("i")
print(m.tolist())
show(lambda: m.__setitem__(0, 2 ** 31))
show(lambda: m.__setitem__(0, "x"))
show(lambda: m.__setitem__(slice(0, 1), b"\x01\x00\x00\x00"))
show(lambda: hash(m.toreadonly()))
print(m.cast("B").tolist())
print(m.cast("b")[4:8].tolist())

for fmt, values in [("d", [1.5, -2.25]), ("f", [0.5, 3.0]), ("q", [-1, 2 ** 40]),
                    ("Q", [2 ** 64 - 1, 5]), ("h", [-300, 300]), ("H", [65535, 1]),
                    ("l", [-7, 7]), ("L", [2 ** 63, 0]), ("I", [2 ** 32 - 1, 0]),
                    ("n", [-5, 5]), ("N", [9, 10]), ("?", [True, False])]:
    raw = struct.pack("2" + fmt, *values)
    v = memoryview(raw).cast(fmt)
    print(fmt, v.itemsize, v.tolist(), v.readonly, v.tolist() == values, v.tobytes() == raw,
          v == memoryview(raw).cast(fmt), v[1:] == v[:1])

print(memoryview(b"abcd").cast("H").tolist())
show(lambda: memoryview(b"\x00\x3c").cast("e"))
print(memoryview(bytearray(8)).cast("f").tolist())
d = memoryview(struct.pack("<2d", 1.0, 2.0)).cast("d")
print(d == memoryview(b"\x01\x02"), d == [1, 2], d.cast("B").cast("d").tolist())
show(lambda: memoryview(b"abc").cast("i"))
show(lambda: d.cast("i"))
show(lambda: memoryview(b"abcd").cast("x"))
show(lambda: memoryview(b"abcdefgh")[::2].cast("H"))
fw = memoryview(bytearray(16)).cast("d")
fw[0] = 2
fw[1] = 0.25
print(fw.tolist())
show(lambda: fw.__setitem__(0, "a"))
