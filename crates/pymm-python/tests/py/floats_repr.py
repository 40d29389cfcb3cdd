# Float repr: the shortest string that round-trips.
values = [0.1, 0.2, 0.1 + 0.2, 1.0, 1.5, -0.0, 1e16, 1e22, 1.5e-7, 123456789.123,
          2.0 ** 0.5, 1 / 3, 100.0, 1e100, 5e-324, 3.14159]
for v in values:
    print(repr(v))
print("str equals repr:", str(0.1) == repr(0.1))
print("float():", float("1.25"), float("-3"), float(7), float("1e3"))
print("inf and nan:", float("inf"), -float("inf"), float("nan"))
print("nan is not equal to itself:", float("nan") == float("nan"))
print("int to float division:", 1 / 4, 10 / 4)
print("floor division of floats:", 7.5 // 2, -7.5 // 2, 7.5 % 2)
print("is_integer:", (2.0).is_integer(), (2.5).is_integer())
print("round trips:", float(repr(0.1 + 0.2)) == 0.1 + 0.2)
print("large floats:", 1e15, 1e16, 123456789012345678.0)
print("small floats:", 0.0001, 0.00001)
