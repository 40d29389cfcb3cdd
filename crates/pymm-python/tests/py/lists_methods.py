# List methods and in-place mutation.
xs = [5, 3, 8]
xs.append(1)
xs.extend([9, 2])
xs.insert(0, 7)
print("after append/extend/insert:", xs)
print("pop:", xs.pop(), xs.pop(0), xs)
xs.remove(8)
print("remove 8:", xs)
print("index of 1:", xs.index(1), "count of 3:", xs.count(3))
xs.sort()
print("sorted in place:", xs)
xs.sort(reverse=True)
print("reverse sort:", xs)
xs.reverse()
print("reversed in place:", xs)
words = ["pear", "Fig", "apple", "kiwi"]
words.sort(key=len)
print("sort by len (stable):", words)
words.sort(key=lambda w: w.lower())
print("case-insensitive:", words)
copy = xs.copy()
copy.append(100)
print("copy is independent:", xs, copy)
print("concat:", [1, 2] + [3], "repeat:", [0] * 4, [[]] * 2)
print("in:", 3 in xs, 42 not in xs, "len:", len(xs))
print("equality and order:", [1, 2] == [1, 2], [1, 2] < [1, 3], [2] > [1, 9])
try:
    xs.remove(42)
except ValueError as err:
    print("remove missing:", err)
try:
    xs.index(42)
except ValueError as err:
    print("index missing:", err)
xs.clear()
print("cleared:", xs, "list of a string:", list("abc"))
nested = [[1, 2], [3]]
nested[0].append(9)
print("nested mutation:", nested, "max by key:", max(nested, key=len))
