# __repr__ as an attribute: object.__repr__ (the default form, whatever the class defines),
# each built-in type's own, found through subclasses that do not override it.
class Plain:
    pass


class Own:
    def __repr__(self):
        return "Own(" + object.__repr__(self).split(" ")[0] + ")"


class MyList(list):
    pass


class MyDict(dict):
    def __repr__(self):
        return "MyDict!"


print(repr(Own()))
print(object.__repr__(Plain()).startswith("<__main__.Plain object at 0x"))
print(object.__repr__(Own()).startswith("<__main__.Own object at 0x"))
print(object.__repr__(5).startswith("<int object at 0x"))
print(object.__repr__(object()).startswith("<object object at 0x"))
print(Plain().__repr__().startswith("<__main__.Plain object at 0x"))
print(Plain.__repr__ is object.__repr__, Own.__repr__ is object.__repr__)
print(MyList.__repr__ is list.__repr__, MyDict.__repr__ is dict.__repr__)
types = [object, int, float, complex, str, bytes, bytearray, list, tuple, dict, set,
         frozenset, range]
reprs = [t.__repr__ for t in types]
print(len(set(reprs)) == len(types), all(r is t.__repr__ for r, t in zip(reprs, types)))
table = {list.__repr__: "list", dict.__repr__: "dict"}
print(table[MyList.__repr__], table.get(MyDict.__repr__))
print(list.__repr__(MyList([1, 2])), dict.__repr__(MyDict(a=1)), repr(MyDict()))
print(int.__repr__(7), float.__repr__(0.5), str.__repr__("q"), tuple.__repr__((1,)))
print(bytes.__repr__(b"x"), set.__repr__({1}), range.__repr__(range(3)))
print([1].__repr__(), (2,).__repr__(), "s".__repr__(), (3).__repr__())
