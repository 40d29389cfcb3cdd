# bytes: literals, indexing gives ints, slicing gives bytes, methods.
b = b"memory"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1])
print("iteration gives ints:", list(b"ab"))
print("concat/repeat:", b"ab" + b"cd", b"x" * 3)
print("in:", b"mem" in b, 109 in b)
print("bytes():", bytes(3), bytes([65, 66, 67]))
print("encode/decode:", "héllo".encode("utf-8"), b"caf\xc3\xa9".decode("utf-8"))
print("methods:", b"a,b".split(b","), b"  x ".strip(), b"abc".upper(), b"-".join([b"a", b"b"]))
print("hex:", b"\x00\xff".hex(), "compare:", b"a" < b"b", b"a" == b"a")
print("repr escapes:", repr(b"\n\x01'"))
try:
    b[0] = 1
except TypeError as err:
    print("immutable:", err)
print("find/count:", b.find(b"o"), b.count(b"m"), b.startswith(b"me"))
