# Set algebra that reuses the hashes a table keeps (subset, difference, intersection,
# isdisjoint, symmetric difference, update from a dict) and frozenset hashes: results and
# iteration order as CPython's.


class Key:
    """Hashes by a field, equal by another: lookups must call __eq__."""
    calls = 0

    def __init__(self, h, v):
        self.h, self.v = h, v

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        Key.calls += 1
        return isinstance(other, Key) and self.v == other.v

    def __repr__(self):
        return f"K{self.h}:{self.v}"


free = frozenset(range(50))
fp = frozenset([3, 9, 17, 25, 40])
print(fp <= free, free <= fp, fp < free, free >= fp, free > fp, fp == frozenset(fp))
print(sorted(free - fp)[:8], len(free - fp), type(free - fp).__name__)
print(list(free - fp)[:10], list(fp & free), list(free & fp), list({1, 2} & {2, 3}))
print(min(free - fp), (free - fp) & frozenset([0, 1, 2, 41]))
print(fp.isdisjoint(frozenset([1, 2])), fp.isdisjoint({3}), {3}.isdisjoint(fp), fp.isdisjoint([40]))
print(set(range(10)) - set(range(1, 10, 2)), {1, 2, 3} ^ {3, 4, 5}, {1, 9} | {17, 25, 2})
s = set(range(20))
s -= {1, 2, 3}
s.difference_update(range(10, 15))
print(s, len(s))
s ^= {0, 100, 5}
print(s)
s.symmetric_difference_update({101: 1, 100: 2, 7: 3})
print(s)
u = set()
u.update({"x": 1, "y": 2, 3: 3})
u.update({"x": 9, 4: 4})
print(sorted(map(str, u)), len(u))
print(sorted(set("hello").intersection("world", "lol")), sorted(set("abc").difference("a", {"b"})))
print(set(range(30)).intersection([5, 3, 99], range(4)), set(range(9)).difference([1], {2}, (3,)))

# keys that compare by __eq__, with colliding hashes
a = {Key(1, "a"), Key(1, "b"), Key(2, "c")}
b = {Key(1, "b"), Key(2, "c"), Key(2, "d")}
print(sorted(map(repr, a & b)), sorted(map(repr, a - b)), sorted(map(repr, a ^ b)))
print(a <= b, {Key(1, "b")} <= b, a.isdisjoint(b), {Key(3, "z")}.isdisjoint(b))
print(Key.calls > 0)
# a key equal to an int, with the int's hash
class Two:
    def __hash__(self):
        return 2

    def __eq__(self, other):
        return other == 2

print({1, 2, 3} - {Two()}, {Two()} <= {2}, {2} & {Two()} == {2})
# bigger operands: the copy-then-remove path and purging
big = set(range(1000))
print(len(big - {1, 2}), sorted(big - set(range(5, 1000)))[:5])
big -= set(range(0, 1000, 2))
print(len(big), list(big)[:5])

# frozenset hashes from the stored hashes equal CPython's
for fs in [frozenset(), frozenset([1]), frozenset("abc"), frozenset([1, 2.5, (3, 4)]), fp]:
    print(hash(fs) == hash(frozenset(list(fs))), hash(frozenset(range(5))))
print({frozenset([1, 2]): "x"}[frozenset([2, 1])])

