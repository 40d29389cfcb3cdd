# bytes() and bytearray.extend read a bytes-like argument where it is (one copy, none for an
# immutable bytes): the results, the aliasing cases and the errors stay CPython's.
b = b'abc'
print(bytes(b) is b, bytes(bytearray(b'xy')), bytes(memoryview(b'hello')[1:4]))
print(bytes(memoryview(b'hello')[::2]), bytes(memoryview(b'hello')[::-1]), bytes(bytearray()))
ba = bytearray(b'12')
ba.extend(ba)
print(ba)
ba.extend(memoryview(b'abcdef')[1:4])
ba.extend(memoryview(bytearray(b'uvw'))[1:])
ba.extend([65, 66])
ba.extend(b'zz')
ba.extend(b'')
print(ba, len(ba))
class B(bytes):
    pass
x = B(b'qq')
y = bytes(x)
print(type(y).__name__, y, y is x, y == x)
m = memoryview(b'abc')
m.release()
for f in (bytes,):
    try:
        f(m)
    except ValueError as e:
        print('ValueError', e)
try:
    ba.extend([256])
except ValueError as e:
    print('ValueError', e)
big = b'x' * 100000
buf = bytearray()
view = memoryview(big)
for start in range(0, len(big), 30000):
    buf.extend(view[start:start + 30000])
print(len(buf), bytes(buf) == big, bytes(buf[:5]))
