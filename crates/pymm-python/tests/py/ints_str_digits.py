# int <-> str conversion: CPython 3.11's digit limit (sys.set_int_max_str_digits) and the
# literal rules of int(text, base): underscores, prefixes, leading zeros, bad bases.
import sys

print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(sys.get_int_max_str_digits())


def attempt(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs))[:60])
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


sys.set_int_max_str_digits(640)
attempt(int, "1" * 640)
attempt(int, "1" * 641)
attempt(int, "-" + "1" * 641)
attempt(int, "1_" * 640 + "1")
attempt(int, "1" * 5000, 16)      # power-of-two bases have no limit
attempt(int, "1" * 641, 36)
attempt(str, 10 ** 639)
attempt(str, 10 ** 640)
attempt(repr, -10 ** 640)
attempt(str, 1 << 100_000)         # refused before converting
attempt(format, 10 ** 640, "d")
attempt(format, 10 ** 640, "x")
attempt(lambda: "%d" % 10 ** 640)
attempt(sys.set_int_max_str_digits, 639)
attempt(sys.set_int_max_str_digits, 1.5)
sys.set_int_max_str_digits(maxdigits=0)
print(sys.get_int_max_str_digits(), len(str(10 ** 5000)))
sys.set_int_max_str_digits(4300)

for text, base in [("0x_1f", 0), ("0x__1f", 0), ("1__0", 10), ("_1", 10), ("1_", 10),
                   ("1_0", 10), ("010", 0), ("000", 0), ("0_0", 0), ("0b101", 0),
                   (" -0o17 ", 0), ("0x", 16), ("- 1", 10), ("123\x00", 10), ("z", 36)]:
    attempt(int, text, base)
attempt(int, b"12\x00")
attempt(int, b"ff", 16)
attempt(int, "0", 1)
attempt(int, "0", 2 ** 100)
attempt(int, "0", -2 ** 100)
attempt(int, "0", 5.0)
attempt(int, base=10)


class Index:
    def __index__(self):
        return 16


attempt(int, "ff", Index())


class MyInt(int):
    def __int__(self):
        return 42


class MyIndex(int):
    def __index__(self):
        return 42


class BadInt(int):
    def __int__(self):
        return 4.2


attempt(int, MyInt(7))
attempt(int, MyIndex(7))
attempt(int, BadInt(7))
attempt(lambda: (-MyIndex(7), +MyIndex(7), ~MyIndex(7), type(-MyIndex(7)).__name__))


class F(float):
    pass


attempt(lambda: (-F(1.5), +F(1.5)))
