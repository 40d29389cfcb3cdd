l = list(range(10))
l[2**100:] = [1]
print(l[-2**100:2**100:2**99])
del l[::-2**64]
print(l)
