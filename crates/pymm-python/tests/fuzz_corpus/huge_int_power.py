x = 2 ** 100000
print(len(str(x)))
print(x % 1000)
