# re.findall on str and bytes (no group, one group, several, optional ones), pos and endpos,
# empty matches next to others, and re.sub / subn on bytes subjects.
import re

print(re.findall(b"a|c", b"abcabc"))
print(re.findall(r"(a)(x)?", "abab"))
print(re.findall(r"x*", "axb"))
print(re.findall(r"(\w)(\w)", "abcde"))
print(re.findall(r"(\d+)", "a1b22c333"))
print(re.findall(rb"(\d)(\d)?", b"1 23 4"))
print(re.findall(r"", "abc"))
print(re.findall(r"\b", "ab cd"))
print(re.compile("é|b").findall("aébé", 2))
print(re.compile(".").findall("abcdef", 1, 4))
print(re.compile(".").findall("abcdef", 4, 1))
print(re.findall(b"[\x80-\xff]+", bytes(range(120, 140))))
print(re.findall(r"(?i)AB", "ab Ab aB"))
print(re.findall(r"^\w", "one\ntwo", re.M))
print(re.findall(b"agggtaaa|tttaccct", b"xxagggtaaaxtttaccctyy" * 3))
print(re.sub(b"[ab]", b"<\\g<0>>", b"xaybz"))
print(re.subn(b"(a)", rb"\1\1", b"aXa"))
print(re.sub(b">.*\n|\n", b"", b">head\nACGT\nTTGA\n>two\nCC\n"))
print(re.sub(b"tHa[Nt]", b"<THa[Nt]>", b"xtHaNtHat"))
print(re.subn(b"x", b"y", b"xxxx", 2))
print(re.sub(b"z", b"y", bytearray(b"abc")))
print(re.sub(b"\xe9", b"\xff", b"caf\xe9"))
try:
    re.findall(b"a", "a")
except TypeError as e:
    print("TypeError", e)
try:
    re.findall("a", b"a")
except TypeError as e:
    print("TypeError", e)
for repl in ["b", 1]:
    try:
        re.sub(b"a", repl, b"a")
    except TypeError as e:
        print("TypeError", e)
for repl in [b"b", 1]:
    try:
        re.sub("a", repl, "a")
    except TypeError as e:
        print("TypeError", e)
print(re.sub(b"a", lambda m: bytearray(b"Q"), b"xax"))
