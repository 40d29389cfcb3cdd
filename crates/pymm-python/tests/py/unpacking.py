# Assignment forms: chained, unpacking, star targets, to items and attributes.
a = b = c = [0]
print("chained share one object:", a is b is c)
x, y, z = "xyz"
print("unpack a string:", x, y, z)
(p, q), r = [1, 2], 3
print("nested:", p, q, r)
head, *middle, tail = range(6)
print("star in the middle:", head, middle, tail)
*empty, only = [1]
print("empty star:", empty, only)
d = {}
d["k"], d["j"] = 1, 2
print("to items:", d)
class O:
    pass
o = O()
o.a, o.b = "A", "B"
print("to attributes:", o.a, o.b)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print("left to right:", i, lst)
try:
    m, n = [1, 2, 3]
except ValueError as err:
    print("ValueError:", err)
for k, (v1, v2) in {"a": (1, 2)}.items():
    print("loop unpack:", k, v1, v2)
n = 10
n += 1
n -= 2
n *= 3
print("augmented:", n)
s = "ab"
s += "cd"
print("augmented str:", s)
t = (1,)
t += (2,)
print("augmented tuple:", t)
