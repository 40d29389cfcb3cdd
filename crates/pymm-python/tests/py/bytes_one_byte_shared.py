# One-byte bytes objects are shared (CPython's characters table): slices, bytes([c]),
# struct.pack and joins give equal values, and the same object, as in CPython.
import struct

data = bytes(range(256)) * 2
singles = [data[i:i + 1] for i in range(len(data))]
print(len(singles), singles[65], singles[65 + 256], singles[0], singles[255])
print(all(singles[i] is singles[i + 256] for i in range(256)))
print(data[10:11] is bytes([10]), data[65:66] == b"A")
pack = struct.Struct(">B").pack
print(pack(200) == data[200:201], b"".join(singles[:5]), b"x" * 1, b"".join([b"q"]))
print(data[5:5], data[300:200], data[-1:], data[::-1][:3], data[1:8:3])
print(data[3:4] * 5, data[7:8] + data[8:9], data[9:10].hex(), data[250:251].decode("latin-1"))
m = memoryview(b"z")
print(bytes(m), len(set(singles)))
