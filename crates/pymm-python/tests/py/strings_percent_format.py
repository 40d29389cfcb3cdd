# printf-style % formatting.
print("%s|%r|%d|%i" % ("a", "a", 42, -7))
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%.3f|%10.2f|%-10.1f|%e" % (3.14159, 2.5, 1.25, 12345.678))
print("%x|%X|%o|%#x" % (255, 255, 8, 255))
print("%c%c" % ("h", 105))
print("%%|%s" % "percent")
print("%(name)s is %(age)d" % {"name": "pool", "age": 3})
print("%s" % [1, 2], "%s" % (("tuple",),))
print("%.2s|%5s|%-5s|" % ("abc", "ab", "ab"))
try:
    print("%d" % "x")
except TypeError as err:
    print("TypeError:", err)
try:
    print("%s %s" % ("only one",))
except TypeError as err:
    print("TypeError:", err)

# a mapping key without its closing parenthesis
try:
    print("%(abc" % {"abc": 1})
except ValueError as e:
    print("ValueError:", e)
