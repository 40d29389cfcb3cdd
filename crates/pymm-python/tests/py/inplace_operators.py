# In-place operators change the object itself where CPython's types do so (the alias sees
# the change), and build a new one where they do not.

x = [5, 6]
alias = x
x *= 2
print("list *=", alias, x is alias)
x *= 0
print("list *= 0", alias, x is alias)
b = bytearray(b"ab")
alias_b = b
b *= 3
print("bytearray *=", alias_b, b is alias_b)
t = (1,)
alias_t = t
t *= 2
print("tuple *= makes a new tuple", alias_t, t, t is alias_t)
d = {1: 2}
alias_d = d
d |= [(3, 4)]
d |= {5: 6}
print("dict |= pairs and dicts", alias_d, d is alias_d)
try:
    d |= 5
except TypeError as e:
    print("dict |= int", e)
try:
    {} | [(1, 2)]
except TypeError as e:
    print("dict | list", e)
s = {1}
alias_s = s
s |= {2}
s -= {1}
print("set |= -=", alias_s, s is alias_s)
f = frozenset({1})
alias_f = f
f |= {2}
print("frozenset |= makes a new one", sorted(alias_f), sorted(f), f is alias_f)


class Tracked(list):
    pass


tr = Tracked([1])
alias_tr = tr
tr *= 3
tr += [9]
print("subclass", alias_tr, type(tr).__name__, tr is alias_tr)
try:
    y = [1]
    y *= "a"
except TypeError as e:
    print("list *= str", e)
