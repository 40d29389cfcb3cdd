# Special methods a metaclass defines apply when the class itself is the operand.
class Meta(type):
    def __iter__(cls):
        return iter(cls.items)

    def __len__(cls):
        return len(cls.items)

    def __repr__(cls):
        return f"<Meta {cls.__name__}>"

    def __eq__(cls, other):
        return isinstance(other, str) and other == cls.__name__

    def __hash__(cls):
        return 1

    def __bool__(cls):
        return False

    def __contains__(cls, x):
        return x in cls.items

    def __getitem__(cls, k):
        return cls.items[k]

    def __str__(cls):
        return "str of " + cls.__name__


class Color(metaclass=Meta):
    items = ["red", "green"]


print("iter:", list(Color), [c for c in Color])
print("len:", len(Color))
print("repr:", repr(Color), [Color])
print("str:", str(Color), f"{Color}")
print("eq:", Color == "Color", Color != "x", "Color" == Color)
print("bool:", bool(Color), not Color)
print("in:", "red" in Color, "blue" in Color, "blue" not in Color)
print("getitem:", Color[1], Color[-1])


class Sub(Color):
    items = ["a"]


print("inherited:", list(Sub), len(Sub), repr(Sub))


class OnlyIter(type):
    def __iter__(cls):
        yield from range(3)


class Counted(metaclass=OnlyIter):
    pass


print("in falls back to iteration:", 2 in Counted, 5 in Counted)


class Plain:
    pass


print("plain class:", repr(Plain), bool(Plain), Plain == Plain)
for op in (len, iter):
    try:
        op(Plain)
    except TypeError as e:
        print("TypeError:", e)
try:
    len(Counted)
except TypeError as e:
    print("TypeError:", e)
