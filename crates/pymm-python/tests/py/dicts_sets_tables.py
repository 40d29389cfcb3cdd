# Dict and set tables through their layout changes: str-keyed dicts turning general,
# growth past 256 slots, holes from deletions, popitem reusing its place, set dummies,
# pop's finger, and order all the way (compared line by line with CPython).
import sys

d = {}
for i in range(200):
    d["k%d" % i] = i
print(len(d), list(d)[:3], list(d)[-3:])
for i in range(0, 200, 3):
    del d["k%d" % i]
d[7] = "int key"          # the first non-str key
d[(1, 2)] = "tuple key"
d["k0"] = "back"
print(len(d), list(d)[:4], list(d)[-4:])
print(d[7], d[(1, 2)], d["k0"], d.get("k3"), "k4" in d, 3 in d)

big = {}
for i in range(2000):     # past 256 slots while every key is a str
    big[str(i)] = i
print(len(big), sum(big.values()), big["1999"], list(big)[1000:1003])
for i in range(0, 2000, 2):
    big.pop(str(i))
print(len(big), list(big)[:3], big.get("0"), big["1"])

p = {"a": 1, "b": 2, "c": 3}
print(p.popitem(), p)
p["z"] = 26
print(p, p.popitem(), p.popitem(), p)
p.clear()
p[1.5] = "x"
print(p)

s = set(range(20))
for i in range(0, 20, 2):
    s.discard(i)
s.update([40, 2, 33, 100])
print(sorted(s) == sorted(set(s)), list(s))
pops = [s.pop() for _ in range(4)]
print(pops, list(s))
s.clear()
s.update([5, 3, 1])
print(list(s), s.pop(), list(s))

words = set()
for w in ["pear", "apple", "fig", "kiwi", "plum", "date", "lime", "yuzu", "sloe"]:
    words.add(w)
words.discard("fig")
words.add("fig")
print(sorted(words), len(words))
f = frozenset(range(10))
print(list(f), hash(f) == hash(frozenset(range(10))))
print(list({i * 8 for i in range(12)}))
print(dict.fromkeys("mississippi"), {**{"x": 1}, 2: "y", "x": 3})
print("sizes of a one-entry dict and set are positive:",
      sys.getsizeof({"k": 1}) > 0, sys.getsizeof({1}) > 0)
