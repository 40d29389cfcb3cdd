# Bytes patterns on bytes subjects: match objects, findall, sub with templates and functions,
# split, escape, and the errors for mixing str and bytes.
import re

data = b"agggtaaa|tttaccct\n>ONE\nacgtBDH\n"
print("findall:", re.findall(b"[cgt]gggtaaa|agggtaaa", data))
m = re.search(rb"(?P<tag>>\w+)\n", data)
print("match:", m, m.group("tag"), m.span(), m.groups(), m.groupdict())
print("strip headers:", re.sub(b">.*\n|\n", b"", data))
print("template:", re.sub(rb"(\w)(\w)", rb"\2\1", b"abcd ef"))
print("named template:", re.sub(rb"(?P<x>t+)", rb"<\g<x>>", b"attt t"))
print("function:", re.sub(b"[BDH]", lambda m: b"(" + m.group().lower() + b")", b"xBDHx"))
print("subn:", re.subn(b"a", b"A", b"banana", count=2))
print("split:", re.split(rb"\|", b"a|b||c"), re.split(b"(,)", b"1,2"))
print("finditer:", [m.span() for m in re.finditer(b"t*", b"atta")])
print("groups default:", re.findall(rb"(a)|(b)", b"ab"))
print("escape:", re.escape(b"a.b*c"))
# \w and \d are ASCII in a bytes pattern
print("ascii word:", re.findall(rb"\w+", "caf\xe9 ok".encode("latin-1")))
print("ignorecase:", re.findall(b"(?i)ab", b"AB ab aB"))
print("bytearray subject:", re.search(b"c+", bytearray(b"abccd")).group())
p = re.compile(b"x+", re.I)
print("pattern:", p, p.pattern, p.flags)
for pattern, subject in ((b"a", "a"), ("a", b"a")):
    try:
        re.search(pattern, subject)
    except TypeError as e:
        print("TypeError:", e)
try:
    re.compile(b"a", re.UNICODE)
except ValueError as e:
    print("ValueError:", e)
for repl in ("x", lambda m: "x"):
    try:
        re.sub(b"a", repl, b"a")
    except TypeError:
        print("a str replacement for a bytes pattern: TypeError")
