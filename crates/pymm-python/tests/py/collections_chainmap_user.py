# collections.ChainMap, UserDict and UserString, as CPython's collections/__init__.py.
import collections

base = {"a": 1, "b": 2}
over = {"b": 20, "c": 30}
chain = collections.ChainMap(over, base)
print(chain["a"], chain["b"], chain["c"], len(chain), sorted(chain))
print(repr(chain))
chain["d"] = 4
print(over, base)
del chain["b"]
print(chain["b"], over)
try:
    del chain["a"]
except KeyError as error:
    print("KeyError:", error)
child = chain.new_child({"z": 0})
print(child.maps[0], child.parents == chain, "z" in child, "z" in chain)
print(chain.get("missing", "default"), dict(chain) == {"a": 1, "b": 2, "c": 30, "d": 4})
merged = chain | {"e": 5}
print(type(merged).__name__, sorted(merged.items()))
print(bool(collections.ChainMap()), bool(chain), repr(collections.ChainMap()))
recursive = collections.ChainMap()
recursive["self"] = recursive
print(repr(recursive))
try:
    collections.ChainMap().pop("x")
except KeyError as error:
    print("KeyError:", error)

user = collections.UserDict({"x": 1}, y=2)
user["z"] = 3
print(repr(user), len(user), "x" in user, user.get("q", 0), sorted(user.data))
print(user | {"w": 4}, isinstance(user, collections.abc.MutableMapping))
copied = user.copy()
copied["x"] = 100
print(user["x"], copied["x"], type(copied).__name__)
try:
    user["nope"]
except KeyError as error:
    print("KeyError:", error)


class Missing(collections.UserDict):
    def __missing__(self, key):
        return key * 2


print(Missing()["ab"])

text = collections.UserString("Hello World")
print(repr(text), str(text), len(text), text[1:4], text.upper(), text.lower())
print(text.count("o"), text.find("World"), text.startswith("He"), text.split())
print(text + "!", "Say: " + text, text * 2, text == "Hello World", "World" in text)
print(text.replace("World", "pymm"), type(text.replace("o", "0")).__name__)
print(sorted([collections.UserString("b"), collections.UserString("a")]))
print(text.center(15, "*"), text.zfill(13), text.strip("Hd"), hash(text) == hash("Hello World"))
