# Subclasses of bytearray: construction, the inherited methods, operators, the buffer
# protocol and attributes of their own.
class B(bytearray):
    pass


class Tagged(bytearray):
    def __init__(self, data, tag):
        super().__init__(data)
        self.tag = tag

    def __repr__(self):
        return f"Tagged({bytes(self)!r}, {self.tag!r})"


class Upper(bytearray):
    def upper_hex(self):
        return self.hex().upper()

    def append(self, x):
        super().append(x)
        super().append(x)


b = B(b"abc")
print("type", type(b).__name__, isinstance(b, bytearray), issubclass(B, bytearray))
print("repr", repr(b), "str", str(b))
print("len", len(b), "index", b[0], "slice", b[1:], type(b[1:]).__name__)
print("eq", b == b"abc", b == bytearray(b"abc"), b != b"abd", b < b"abd")
print("bytes", bytes(b), "list", list(b), "in", b"b" in b, 99 in b)
b.append(100)
b.extend(b"ef")
b += b"g"
print("mutated", b, type(b).__name__)
b[0] = 65
b[1:3] = b"XY"
del b[-1]
print("set", b, b.pop(), b)
print("methods", b.upper(), type(b.upper()).__name__, b.find(b"Y"), b.decode())
print("concat", b + b"!", type(b + b"!").__name__, b * 2, type(b * 2).__name__)
print("memoryview", bytes(memoryview(b)[:2]), memoryview(b).nbytes)
print("join", b"-".join([b, B(b"z")]))
print("from int", B(3), "from list", B([1, 2]), "from str", B("hé", "utf-8"))
print("fromhex", B.fromhex("4142"), type(B.fromhex("4142")).__name__)
t = Tagged(b"xy", "t1")
print("init", repr(t), t.tag, bytes(t), len(t))
t.extra = 5
print("dict", t.__dict__)
u = Upper(b"\x01")
u.append(2)
print("override", u, u.upper_hex())
print("hash", end=" ")
try:
    hash(b)
except TypeError as e:
    print(e)
print("copy", B(b"q").copy(), type(B(b"q").copy()).__name__)
import pickle

pb = B(b"pk")
pb.attr = 1
p = pickle.loads(pickle.dumps(pb))
print("pickle", type(p).__name__, bytes(p), p.attr)
print("bool", bool(B()), bool(B(b"x")))
print("iter", [x for x in B(b"hi")])
print("reversed", bytes(reversed(B(b"ab"))))
print("sorted", sorted(B(b"cab")))
print("format", "%s" % B(b"f"), b"%s" % B(b"g"))
import copy

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    plain = pickle.loads(pickle.dumps(bytearray(b"\x00\xffz"), proto))
    sub = pickle.loads(pickle.dumps(pb, proto))
    print("protocol", proto, plain, type(sub).__name__, bytes(sub), sub.attr)
print("reduce", bytearray(b"r").__reduce_ex__(2), bytearray(b"r").__reduce__())
c = copy.copy(pb)
print("copy.copy", type(c).__name__, bytes(c), c.attr, c is not pb)
pb.attr = ["shared"]
dc = copy.deepcopy(pb)
print("deepcopy", repr(dc), dc.attr, dc.attr is not pb.attr)
print("deepcopy plain", copy.deepcopy(bytearray(b"d")), copy.copy(bytearray(b"c")))
