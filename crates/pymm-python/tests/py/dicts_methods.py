# Dict operations; dicts keep insertion order.
d = {"one": 1, "two": 2}
d["three"] = 3
print("dict:", d)
print("keys:", list(d.keys()), "values:", list(d.values()))
print("items:", list(d.items()))
print("get:", d.get("two"), d.get("four"), d.get("four", 4))
print("setdefault:", d.setdefault("four", 4), d.setdefault("one", 100))
print("pop:", d.pop("two"), d.pop("missing", "default"))
print("after pop:", d)
d.update({"five": 5, "one": 11})
print("update keeps the position of existing keys:", d)
d.update(six=6)
print("update with keywords:", d)
print("popitem:", d.popitem(), d)
print("in:", "one" in d, 1 in d, "len:", len(d))
del d["four"]
print("after del:", d)
print("dict():", dict([("a", 1), ("b", 2)]), dict(x=1), dict(zip("ab", [1, 2])))
print("fromkeys:", dict.fromkeys(["a", "b"], 0))
copy = d.copy()
copy["new"] = 1
print("copy independent:", "new" in d, "new" in copy)
counts = {}
for word in "the cat the hat the end".split():
    counts[word] = counts.get(word, 0) + 1
print("counts:", counts)
print("sorted by value:", sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
try:
    d["missing"]
except KeyError as err:
    print("KeyError:", err)
print("equality ignores order:", {"a": 1, "b": 2} == {"b": 2, "a": 1})
for k, v in {"x": 1, "y": 2}.items():
    print("iterate", k, v)
d.clear()
print("cleared:", d, "merge:", {"a": 1} | {"b": 2})
