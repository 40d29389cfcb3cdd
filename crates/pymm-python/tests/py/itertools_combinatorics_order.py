# itertools.permutations, combinations and combinations_with_replacement: CPython's order,
# the edge cases (r = 0, r > n, an empty pool), and counts large enough that generating
# them by filtering a product would not finish (C(18, 9) of 18**9 tuples).
import itertools as it

for n in range(5):
    for r in range(n + 2):
        print("perm", n, r, list(it.permutations(range(n), r)))
        print("comb", n, r, list(it.combinations("abcde"[:n], r)))
        print("cwr", n, r, list(it.combinations_with_replacement(range(n), r)))
print("perm default r", list(it.permutations("abc")))
print("perm of a generator", list(it.permutations((x * x for x in range(3)), 2)))
print("comb of a generator", list(it.combinations((x for x in "wxyz"), 3)))

count = 0
last = None
for c in it.combinations(range(18), 9):
    count += 1
    last = c
print("C(18, 9)", count, last)
print("P(9, 5)", sum(1 for _ in it.permutations(range(9), 5)))
print("CWR(10, 6)", sum(1 for _ in it.combinations_with_replacement(range(10), 6)))
print("powerset sizes", [len(list(it.combinations(range(12), i))) for i in range(13)])
