# Set operations (printed sorted so the output never depends on hashing).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print("union:", sorted(a | b), sorted(a.union(b)))
print("intersection:", sorted(a & b), "difference:", sorted(a - b), "symmetric:", sorted(a ^ b))
print("subset:", {1, 2} <= a, {1, 9} <= a, a >= {1}, {1, 2} < {1, 2})
print("disjoint:", a.isdisjoint({9, 10}), a.isdisjoint(b))
s = set()
s.add(3)
s.add(3)
s.update([1, 2])
print("add/update:", sorted(s), len(s))
s.discard(10)
s.remove(1)
print("discard/remove:", sorted(s))
try:
    s.remove(10)
except KeyError as err:
    print("remove missing: KeyError", err)
print("pop from a one-element set:", {42}.pop())
print("set of a string:", sorted(set("mississippi")))
words = {"pear", "apple", "fig"}
print("str set sorted:", sorted(words), "in:", "fig" in words)
f = frozenset([1, 2])
print("frozenset:", sorted(f), f == {1, 2}, {f: "usable as key"}[frozenset([2, 1])])
print("empty set repr:", set(), "len:", len(set()))
print("set comprehension:", sorted({x % 4 for x in range(10)}))
c = a.copy()
c.clear()
print("copy then clear:", c, sorted(a))
a -= {1}
a |= {10}
print("in-place ops:", sorted(a))
print("equality:", {1, 2} == {2, 1}, {1} == {1.0})
