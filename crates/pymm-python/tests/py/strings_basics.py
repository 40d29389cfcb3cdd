# String indexing, slicing, immutability, iteration and concatenation.
s = "memory"
print(s[0], s[-1], s[1:4], s[::-1], s[::2], s[10:], s[-3:])
try:
    s[0] = "M"
except TypeError as err:
    print("immutable:", err)
try:
    s[10]
except IndexError as err:
    print("index:", err)
print("iterate:", [c for c in s])
built = ""
for c in "abc":
    built += c.upper()
print("built:", built)
print("repr with quotes:", repr("it's"), repr('say "hi"'), repr("both ' and \""))
print("escapes:", repr("a\nb"), repr("\t"), repr("\\"), len("\n"))
print("raw string:", r"C:\new\table", len(r"\n"))
print("triple quoted:", """line1
line2""".split("\n"))
print("implicit concat:", "ab" "cd")
print("str():", str(12), str(1.5), str(None), str(True), str([1, "a"]), str((1,)))
print("unicode escapes:", "\u00e9", "\x41", repr("\x00"))
print("sorted chars:", sorted("banana"), "".join(sorted(set("banana"))))
print("max/min:", max("hello"), min("hello"))
print("comparison of lengths:", len("") == 0, bool(""), bool(" "))
print("str * 0:", repr("abc" * 0), "negative:", repr("abc" * -1))
