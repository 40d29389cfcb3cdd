# re: match/search/fullmatch, groups and named groups, findall/finditer, sub with backrefs and functions, split, flags, lookaround, backreferences, non-ASCII text.
import re

print(re.match(r"(\d+)-(\d+)", "12-345 rest").groups(), re.match("a", "ba"), re.search("a", "ba"))
m = re.search(r"(?P<year>\d{4})-(?P<month>\d\d)", "date: 2024-05-17")
print(m, m.group(0), m.group("year"), m["month"], m.span(), m.start(2), m.end("year"), m.groupdict())
print(m.lastindex, m.lastgroup, m.re.pattern, m.string, m.pos, m.endpos)
print(re.fullmatch(r"\w+", "hello"), re.fullmatch(r"\w+", "hello world"))
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2 c3"), re.findall(r"(a)?b", "b ab"))
print([m.span() for m in re.finditer(r"\w+", "one two  three")])
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@example and ann@site"), re.sub("x*", "-", "abxd"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"), re.subn("a", "b", "banana", count=2))
print(re.sub(r"(?P<w>\w+)", r"<\g<w>|\g<1>>", "hi there"), re.sub("a", r"\n", "cat") == "c\nt")
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(,)", "a,b,c"), re.split(",", "a,b,c", maxsplit=1))
print(re.split(r"\b", "hi you"), re.split("x*", "axbc"))
print(re.findall("^\\w+$", "one\ntwo\nthree", re.M), re.findall("^\\w+$", "one\ntwo"), re.search("a$", "a\n"))
print(re.findall("a.c", "abc a\nc", re.S), re.findall("ABC", "abc AbC", re.I), re.findall(r"[^\W\d]+", "ab1cd"))
p = re.compile(r"""
    (\d+)   # number
    \s*
    ([a-z]+)  # unit
""", re.VERBOSE)
print(p.findall("10 kg, 5m"), p, p.groups, p.groupindex, re.compile("x", re.I | re.M))
print(re.search(r"(a)(b)?", "ac").groups(), re.search(r"(a)(b)?", "ac").groups("-"))
print(re.search(r"(\w)\1", "abccd").group(), re.search(r"(?P<c>\w)(?P=c)", "xyyz").group())
print(re.search(r"foo(?=bar)", "foobaz foobar").span(), re.search(r"(?<=@)\w+", "me@host").group())
print(re.findall(r"\bcat\b", "cat concat cat."), re.findall(r"a{2,}", "a aa aaa"), re.findall(r"x{,2}", "xxx"))
print(re.findall(r"[\[\]]", "[a]"), re.findall("[]a]", "]a"), re.findall("a{", "a{"), re.escape("a.b*c?d"))
print(re.search("é+", "caféé!").span(), re.sub("ü", "ue", "Müller"), re.findall(r"\w+", "naïve café"))
print(p.match("12kg").group(2), p.search("xx 7 m", 2).groups(), re.compile(r"\d").match("a1", 1))
print(re.findall(r"\d", "123456", ), re.compile(r"\d").findall("12345", 1, 3))
print(re.match(r"(?i)hello", "HELLO").group(), re.sub(r"\s+", " ", "a  b\t\nc"))
try:
    re.compile("(unclosed")
except re.error as e:
    print("re.error raised")
try:
    re.sub("a", r"\3", "a")
except re.error as e:
    print("re.error:", e)
print(re.match("a", "a").expand(r"[\g<0>]"), bool(re.match("", "")), re.I, re.IGNORECASE | re.M)
