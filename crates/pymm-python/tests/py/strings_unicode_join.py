# Building strings: join, repeat, and a longer text processed line by line.
text = """The allocator hands out small blocks.
Large requests go to the system.
Reference counts free objects at once.
Cycles need the collector."""
lines = text.split("\n")
print("lines:", len(lines))
for number, line in enumerate(lines, 1):
    words = line.rstrip(".").split()
    print(str(number).rjust(2), "|", len(words), "words, longest:", max(words, key=len))
print("capitalized:", " ".join(w.capitalize() for w in "one two three".split()))
print("acronym:", "".join(w[0] for w in "garbage collection cycle".split()).upper())
print("reverse words:", " ".join(reversed("a b c".split())))
vowels = sum(1 for ch in text.lower() if ch in "aeiou")
print("vowels:", vowels)
freq = {}
for ch in "abracadabra":
    freq[ch] = freq.get(ch, 0) + 1
print("letter counts:", sorted(freq.items()))
print("unicode:", "naïve café".upper(), len("naïve"), "ü".encode("utf-8"))
print("casefold/lower:", "Straße".lower())
print("str methods chain:", "  A-B-C  ".strip().lower().replace("-", "+"))
