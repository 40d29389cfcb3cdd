# Small integer arithmetic, with Python's floor semantics.
print("7 // 2 =", 7 // 2, " -7 // 2 =", -7 // 2, " 7 // -2 =", 7 // -2)
print("7 % 3 =", 7 % 3, " -7 % 3 =", -7 % 3, " 7 % -3 =", 7 % -3)
print("divmod(-7, 3) =", divmod(-7, 3))
print("7 / 2 =", 7 / 2, " 6 / 3 =", 6 / 3)
print("2 ** 10 =", 2 ** 10, " 2 ** -1 =", 2 ** -1)
print("precedence:", 2 + 3 * 4 ** 2, (2 + 3) * 4, -2 ** 2)
print("bitwise:", 6 & 3, 6 | 3, 6 ^ 3, ~6, 1 << 4, 256 >> 3)
print("comparisons chain:", 1 < 2 < 3, 1 < 3 < 2, 3 > 2 >= 2 == 2)
print("int():", int("42"), int("-17"), int(3.99), int(-3.99), int("ff", 16), int(True))
print("bool arithmetic:", True + True, True * 10, False - 1)
print("abs, min, max:", abs(-5), min(3, 1, 2), max(3, 1, 2))
print("round:", round(2.5), round(3.5), round(-0.5), round(7.456, 2))
print("augmented:")
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 3
x %= 7
print("  x =", x)
print("underscores:", 1_000_000, "hex literal:", 0xFF, "binary:", 0b101, "octal:", 0o17)
print("str of negative:", str(-0), -0 == 0)
print("isinstance bool int:", isinstance(True, int), type(True).__name__)
