print(-2**63 // -1, (-2**63) % -1, 10**400 // 3 % 10)
print(divmod(-1, 10**100))
print(0 ** 0, pow(0, 0, 1))
try:
    pow(2, -1, 0)
except ValueError as e:
    print(e)
