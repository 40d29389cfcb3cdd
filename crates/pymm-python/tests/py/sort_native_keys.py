# sorted() and list.sort() on keys that compare without Python code (all ints, all
# floats, all strs), on mixed keys, with reverse and key functions: the order and its
# stability must be CPython's.
import random

rng = random.Random(7)

ints = [rng.randrange(-50, 50) for _ in range(300)]
print(sorted(ints)[:20], sorted(ints, reverse=True)[:20])
big = [rng.randrange(-2**70, 2**70) for _ in range(50)] + [3, -4, 0]
print(sorted(big) == sorted(big, key=lambda v: (v > 0, abs(v) if v > 0 else -abs(v))))
print(sorted(big)[:5])

# stability: equal keys keep their order, also reversed
pairs = [(rng.randrange(5), i) for i in range(60)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))

floats = [rng.random() * 10 - 5 for _ in range(100)] + [0.0, -0.0, 0.0, -0.0]
print(sorted(floats)[:10])
zeros = sorted([0.0, -0.0, 0.0, -0.0, -1.0])
print([str(z) for z in zeros])
print(sorted([float("nan")]), sorted([2.0, float("inf"), -float("inf")]))
print(sorted([2.5, 1, True, 0.5, -3]))

words = [rng.choice(["b", "a", "é", "ab", "", "Z", "zz", "\u20ac", "\U0001f600", "a\x00"])
         for _ in range(80)]
print(sorted(words))
print(sorted(words, reverse=True))
print(sorted(range(20), key=str))

# a key function's error leaves the list as it was
l = [3, 1, 2]
def bad(v):
    if v == 2:
        raise ValueError("no 2")
    return v
try:
    l.sort(key=bad)
except ValueError as e:
    print("ValueError", e, l)
# a comparison's error keeps every item
m = [3, "a", 1]
try:
    m.sort()
except TypeError as e:
    print("TypeError", e, sorted(m, key=str))

class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"K({self.v})"
print(sorted([K(3), K(1), K(2), K(1)]))
print(sorted([K(1), K(2), K(3)]))
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
print(sorted([[2], [1, 5], [1]]))
s = list(range(100))
s.sort(reverse=True)
print(s[:5], s[-5:])
s.sort()
print(s[:5], s[-5:])
print(sorted(b"pyflate"), sorted("bwt"), sorted({3: 1, 1: 2}))

# slice assignment of the same length stores in place
t = list(range(10))
t[2:5] = ["a", "b", "c"]
print(t)
t[:] = t[3:4] + t[0:3] + t[4:]
print(t)
t[8:] = []
t[8:8] = [8, 9]
t[0:0] = ()
print(t)
t[:] = iter(range(3))
print(t)
