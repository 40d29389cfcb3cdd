# keys(), values() and items() are live views of the dictionary.
d = {"a": 1, "b": 2}
keys = d.keys()
values = d.values()
items = d.items()
print("views:", list(keys), list(values), list(items))
d["c"] = 3
print("they see insertions:", list(keys), list(values), len(items))
del d["a"]
print("and deletions:", list(keys), ("b", 2) in items, ("a", 1) in items)
print("membership in keys:", "b" in keys, "z" in keys)
print("set operations on keys:", sorted(keys | {"x"}), sorted(keys - {"b"}))
print("iterating items:", [k + "=" + str(v) for k, v in items])
print("len of views:", len(keys), len(values))
print("values are not a set:", sorted(values))
print("dict from items:", dict(items) == d)
print("repr:", keys, values, items)
