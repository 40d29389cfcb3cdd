big = 2**63 - 1
print(len(range(-big, big)))
