# `for` over a list (the loop's quick step for lists) and enumerate's counts as machine ints,
# crossing into big ints.

l = [1, 2, 3]
out = []
for x in l:
    out.append(x)
    if x == 2:
        l.append(4)  # an item appended during the loop is reached
print(out)
l = list(range(6))
out = []
for x in l:
    out.append(x)
    del l[0]  # positions move under the loop, as in CPython
print(out, l)
l = [1, 2]
it = iter(l)
print(next(it), list(it), list(it))
l.append(3)
print(list(it))  # an exhausted list iterator stays exhausted
l = []
for x in l:
    print("never")
nested = [[1, 2], [3], []]
print([y for x in nested for y in x])

# enumerate from the start of machine ints to past them
big = 2**63 - 2
pairs = list(enumerate("abcd", big))
print(pairs, [type(n).__name__ for n, _ in pairs])
print(list(enumerate("xy", -(2**63) - 1)))
print(list(enumerate(range(3), 10**30)))
for i, (n, c) in enumerate(enumerate("pq", 255)):
    print(i, n, c)


class Idx:
    def __index__(self):
        return 7


print(list(enumerate("ab", Idx())), list(enumerate("ab", True)), list(enumerate("c", start=-3)))
try:
    enumerate("ab", 1.5)
except TypeError as e:
    print("TypeError", e)
total = 0
for i, b in enumerate(bytes(range(200)) * 3):
    total += i * b
print(total)
