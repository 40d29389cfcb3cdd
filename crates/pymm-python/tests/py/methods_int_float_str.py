# int, float and str methods.
print((255).to_bytes(2, "big"), (255).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x00\xff", "big"), int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes([1, 0], "little"))
print((2 ** 100).to_bytes(13, "big").hex(), (0).to_bytes(0, "big"), (5).bit_count(), (-7).bit_count(), (2 ** 70 - 1).bit_count())
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
try:
    (-1).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
print((7).as_integer_ratio(), (0.75).as_integer_ratio(), (-0.1).as_integer_ratio(), (1e300).as_integer_ratio()[1])
print((1.5).hex(), (-0.1).hex(), (0.0).hex(), (5e-324).hex(), (1e300).hex(), float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"))
print((3).real, (3).imag, (3).numerator, (3).denominator, (2.5).real, (2.5).imag, True.real, (3).conjugate(), (1.5).conjugate())
print("AbC".isascii(), "é".isascii(), "123".isdecimal(), "ab\n".isprintable(), "ab c".isprintable())
print("Hello World".istitle(), "Hello world".istitle(), "HELLO".istitle(), "".istitle(), "A1 B2".istitle())
print("a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "12345\t|".expandtabs(4), "x\n\ty".expandtabs(2))
print("{name} is {age}".format_map({"name": "Ann", "age": 7}), "abcabc".rindex("b"))
t = str.maketrans("abc", "xyz", "d")
print(sorted(t.items()), "abcdd".translate(t), "hello".translate({ord("l"): "L", ord("o"): None}))
print(str.maketrans({"a": "1", 98: None}) == {97: "1", 98: None})
try:
    "abc".rindex("z")
except ValueError as e:
    print("ValueError:", e)
