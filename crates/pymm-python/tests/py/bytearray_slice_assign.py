# bytearray slice deletion and assignment without a step (done in place, as a stream's
# buffer uses them: del buf[:n]), next to the stepped ones.
b = bytearray(b"x" * 500000)
del b[:300000]
print(len(b))
for key in [slice(None, 3), slice(2, 5), slice(-3, None), slice(5, 2), slice(None, None, 2), slice(1, 4, 1)]:
    c = bytearray(b"0123456789")
    del c[key]
    d = bytearray(b"0123456789")
    d[key] = b"ab" if key.step != 2 else b"abcde"
    e = bytearray(b"0123456789")
    if key.step is None:
        e[key] = e
    print(key, c, d, e)
c = bytearray(b"0123")
c[1:3] = memoryview(b"xyz")
print(c)
try:
    c[1:2] = 5
except TypeError as exc:
    print(exc)
c[1:2] = [65, 66]
print(c)
