# __repr__ and __str__ in print, str(), repr(), f-strings and containers.
class Both:
    def __repr__(self):
        return "Both<repr>"

    def __str__(self):
        return "Both<str>"

class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"

b = Both()
r = ReprOnly()
print(b)
print(str(b), repr(b))
print([b, r])
print(f"{b} {b!r} {r}")
print(str(r), "falls back to repr")
print((b,), {"k": b})
class Plain:
    pass
text = repr(Plain())
print("default repr mentions the class:", text.startswith("<__main__.Plain object at"))
print("default str equals repr:", str(Plain()).startswith("<__main__.Plain object"))
print("class repr:", repr(Plain))
print("int repr and str:", repr(10), str(10), repr("q"), str("q"))
