# Arbitrary-precision integers.
a = 2 ** 100
print("2**100 =", a)
print("digits:", len(str(a)))
print("times 3:", a * 3)
print("minus one:", a - 1)
print("floor div:", a // 7, "mod:", a % 7)
print("negative floor div:", -a // 7, "negative mod:", -a % 7)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print("divisible by 2**26:", f % 2 ** 26 == 0)
print("pow with modulus:", pow(3, 10**20, 1000007))
print("compare:", 10 ** 50 > 10 ** 49, 10 ** 50 == 10 ** 50)
print("negative power:", (-3) ** 41)
print("big hex:", hex(2 ** 70), "bin:", bin(2 ** 5), "oct:", oct(64))
print("int from a long string:", int("123456789012345678901234567890") + 1)
print("abs:", abs(-(10 ** 25)))
print("bit ops:", (2 ** 80) | 1, (2 ** 80 + 5) & 7, (2 ** 80) >> 78, 1 << 70)
print("divmod:", divmod(10 ** 20 + 3, 10 ** 10))
print("mixed with float:", 2 ** 60 * 0.5)
print("true division of big ints:", 10 ** 30 / 10 ** 28)
