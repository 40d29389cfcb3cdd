# Keys of many hashable types; mutation during iteration is an error.
d = {}
d[1] = "int"
d[2.5] = "float"
d["s"] = "str"
d[(1, 2)] = "tuple"
d[None] = "none"
d[True] = "bool overwrites 1"
d[frozenset([1])] = "frozenset"
print(d)
try:
    d[[1]] = "list"
except TypeError as err:
    print("unhashable:", err)
try:
    d[{}] = 1
except TypeError as err:
    print("unhashable:", err)
try:
    for k in d:
        d["new"] = 1
except RuntimeError as err:
    print("RuntimeError:", err)
big = {}
for i in range(1000):
    big[i * 7919 % 1000] = i
print("1000 keys:", len(big), big[0], big[999])
for i in range(0, 1000, 2):
    del big[i]
print("after deleting half:", len(big), list(big)[:5])
nested = {"a": {"b": {"c": 1}}}
print("nested access:", nested["a"]["b"]["c"])
print("keys view ops:", sorted({"a": 1, "b": 2}.keys() & {"b", "c"}))
print("reversed:", list(reversed({"x": 1, "y": 2})))
