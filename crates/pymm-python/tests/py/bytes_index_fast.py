# Indexing bytes and bytearray by an int (the eval loop's quick step): every position,
# negative ones, the errors out of range, bools and big ints as indexes, a subclass, and a
# bytearray changed while it is indexed.


def items(b):
    out = []
    for i in range(-len(b), len(b)):
        out.append(b[i])
    return out


data = bytes(range(256))
print(sum(items(data)), data[0], data[255], data[-1], data[-256], data[128])
ba = bytearray(b"pyflate")
print(items(ba), ba[True], ba[False])
for seq in (b"abc", bytearray(b"abc"), b""):
    for i in (3, -4, 10**20, -(10**20)):
        try:
            print(seq[i])
        except IndexError as e:
            print(type(seq).__name__, i if abs(i) < 100 else "big", "IndexError", e)
for key in (1.0, "1", None):
    try:
        print(b"abc"[key])
    except TypeError as e:
        print("TypeError", e)


class B(bytes):
    def __getitem__(self, i):
        return ("B", super().__getitem__(i))


print(B(b"xyz")[1], type(B(b"xyz")), len(B(b"xyz")))
# the int of a byte is the cached small int
five, top = int("5"), int("255")
small, ba_top = b"\x05", bytearray(b"\xff")
print(small[0] is five, ba_top[0] is top)
# a bytearray that grows and shrinks between indexings
ba = bytearray()
seen = []
for i in range(300):
    ba.append(i % 256)
    seen.append(ba[i] + ba[-1])
    if i % 50 == 49:
        del ba[:10]
        seen.append(len(ba))
        ba.extend(bytes(10))
print(sum(seen), seen[-5:])
# nt[i] == nt[i + 1] == ... as pyflate's run-length step compares
nt = b"aaaab" * 3
runs = 0
i = 0
while i < len(nt):
    if i < len(nt) - 4 and nt[i] == nt[i + 1] == nt[i + 2] == nt[i + 3]:
        runs += 1
        i += 5
    else:
        i += 1
print(runs)
