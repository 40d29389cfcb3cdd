# Float arithmetic, comparisons with ints, and conversions.
print("mixed:", 1 + 2.5, 3 * 0.5, 2 ** 0.5 * 2 ** 0.5)
print("compare int and float:", 1 == 1.0, 2 < 2.5, hash(1) == hash(1.0))
print("dict key 1 and 1.0 are the same:", {1: "int", 1.0: "float"})
print("round:", round(2.675, 2), round(0.5), round(1.5), round(-1.5))
print("int() truncates:", int(2.9), int(-2.9))
print("abs:", abs(-2.5))
print("min/max:", min(1.5, 2), max(-1, -0.5))
print("sum of floats:", sum([0.1] * 10))
print("float division by zero:")
try:
    1.0 / 0
except ZeroDivisionError as err:
    print("  ", err)
print("power:", 10 ** -2, 2.0 ** 10, 8 ** (1 / 3), 2 ** 0.5)
print("very large:", 1e308 * 10, -1e308 * 10)
print("formatting:", f"{3.14159:.2f}", f"{2.5:8.3f}|", f"{1e-5:.1e}")
print("conversion from big int:", float(2 ** 70))
try:
    float(10 ** 400)
except OverflowError as err:
    print("overflow:", err)
print("divmod:", divmod(7.0, 2))
