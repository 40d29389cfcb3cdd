# List slices: the contiguous ones are copied straight into the new list, the stepped ones
# picked one by one; bounds clamp as CPython's PySlice_AdjustIndices does.


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class L(list):
    pass


a = list(range(10))
print(a[:], a[2:5], a[-3:], a[:-7], a[5:2], a[-100:100], a[100:], a[3:3], a[::2], a[::-3])
print(a[Idx(1):Idx(4)], a[1:8:Idx(3)], a[None:None], a[-1:-4:-1], a[8:2:-2])
b = a[:]
b.append(99)
b[0] = "x"
print(a, b, a[:] == a, a[:] is a, type(L(a)[1:3]).__name__, L(a)[1:3])
nested = [[1], [2]]
c = nested[:]
c[0].append(3)
print(nested, c, [][:], [][1:2], ["s"][0:1])
try:
    a[1:2:0]
except ValueError as e:
    print("ValueError", e)
try:
    a["x":]
except TypeError as e:
    print("TypeError", e)
big = list(range(1000))
print(len(big[10:990]), sum(big[::7]), big[-2:][0])
