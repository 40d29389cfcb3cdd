# bytearray: mutable bytes, its methods and operators, and errors.
import gc
b = bytearray(b"hello")
print(b, len(b), b[0], b[-1], b[1:3], type(b[1:3]).__name__, list(b)[:2])
b[0] = 72
b.append(33)
b.extend(b" ok")
b.extend([1, 2])
print(b, b.pop(), b.pop(0), b)
b[1:3] = b"EY"
del b[0]
del b[-2:]
print(b, b"E" in b, 69 in b, b.find(b"o"), b.upper(), type(b.upper()).__name__)
print(b == bytearray(b"EYlo! o"), b == b"EYlo! o", b < b"F", bytearray() == b"")
c = b + b"x"
b += b"y"
print(c, b, bytes(b), b * 2, bytearray(3), bytearray([65, 66]), bytearray("hé", "utf-8"))
print(b.decode(), b.hex(), b.split(b" "), b.copy() is not b, gc.is_tracked(b))
b.insert(0, 97); b.remove(97); b.reverse(); print(b); b.clear(); print(b, bool(b))
for bad in ["bytearray(b'a')[5]", "bytearray(b'a').append(256)", "hash(bytearray())",
            "bytearray('x')", "bytearray(b'a').pop(3)", "bytearray().pop()"]:
    try:
        eval(bad)
    except Exception as e:
        print(bad, type(e).__name__, e)
