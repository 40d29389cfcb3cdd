a = []
a.append(a)
d = {}
d[1] = d
print(a, d)
print(str(a) == repr(a))
