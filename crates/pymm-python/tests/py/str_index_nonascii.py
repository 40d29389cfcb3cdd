# Indexing, slicing and find on non-ASCII strs, walked forward, backward and at random (the
# str remembers its last position), and on new strs made where freed ones were.
s = "aé€😀b" * 70 + "z"
print(len(s), [s[i] for i in range(len(s))] == list(s))
print("".join(s[i] for i in range(len(s) - 1, -1, -1)) == s[::-1])
order = [(i * 17) % len(s) for i in range(len(s))]
print("".join(s[i] for i in order))
print([s[-i] for i in range(1, 6)], s[-len(s)])
for a, b in [(0, 3), (3, 9), (9, 3), (-5, -1), (2, 100), (340, 360), (None, 4), (300, None)]:
    print(a, b, repr(s[a:b]))
print([s.find("😀", i) for i in range(0, 360, 25)], [s.find("b", i, i + 3) for i in range(0, 360, 24)])
print(s.rfind("é", 3, 20), s.count("€", 5), s.startswith("😀", 3), s.endswith("b", 0, 5))
try:
    s[len(s)]
except IndexError as e:
    print("IndexError", e)
for n in range(50):
    t = "ü" * (n % 7) + "x" + "é" * (n * 7)
    print(n, len(t), t[n % 7], t[-1] if n else t[-1], t.find("x", n % 3), t[len(t) // 2:][:2])
    del t
lines = "ρ = 1\nσ = [2, 3]\nτ = 'é'\n"
pos = 0
out = []
while pos < len(lines):
    if lines[pos] == "\n":
        out.append(pos)
    pos += 1
print(out, lines.find("\n", out[0] + 1), lines[out[1] + 1:out[2]])
for n in range(6):
    long_text = ("abc" if n % 2 else "abé") * 200
    print(n, len(long_text), long_text[n * 97], long_text[-n - 1], long_text[250:254], long_text.find("c", 400))
    del long_text
