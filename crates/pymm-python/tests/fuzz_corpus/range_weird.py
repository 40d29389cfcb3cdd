r = range(0, 2**100, 2**90)
print(len(r), r[-1])
print(list(range(2**63, 2**63+2)))
range(0, 10, 0)
