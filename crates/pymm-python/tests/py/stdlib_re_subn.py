# re.sub and re.subn with str templates (group references, escapes, counts) and callables,
# empty matches next to non-empty ones, non-ASCII subjects, bytes patterns.
import re
cases = [("a*", "-", "baaac"), ("", "-", "abc"), ("x*", "-", "axxb"), ("(a)(b)?", r"[\2\1]", "abacab"),
         (r"(?P<w>\w+)", r"<\g<w>>", "hi there é ü"), ("é", "E", "éaé"), ("b*", "X", "abbbcéb"),
         (r"\s+", " ", "a  b\t\nc"), ("a|", "-", "aab"), (r"(\d+)", r"\1\1", "x12y345"), ("^", ">", "ab\ncd"),
         ("$", "<", "ab\ncd\n")]
for p, r, s in cases:
    print(repr(re.sub(p, r, s)), re.subn(p, r, s, count=2), re.subn(p, r, s, count=-1))
    print(re.sub(p, lambda m: "[" + m.group() + "]", s))
print(re.sub(b"a", b"b", b"aaa"), re.sub("a", r"\n", "bab"))
try: re.sub("a", ["x"], "a")
except TypeError as e: print(e)
try: re.sub("(a)", r"\2", "a")
except re.error as e: print(e)
