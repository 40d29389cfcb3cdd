# str.find, rfind, index, rindex, count, startswith and endswith honour start and end.
s = "hello world, hello"
for args in [("l",), ("l", 3), ("l", 3, 5), ("l", -5), ("", 18), ("", 19), ("o", 5, 2), ("hello", 1), ("d", None, 11), ("l", -100, -3)]:
    print(args, s.find(*args), s.rfind(*args), s.count(*args), s.startswith(*args), s.endswith(*args))
print("$who".startswith("$", 1), "abc".endswith("b", 0, 2), "héllo".find("l", 3), "héllo".startswith(("x", "l"), 2))
try:
    s.find("l", "x")
except TypeError as e:
    print(e)
print(s.index("o", 5), s.rindex("l", 0, 5))
