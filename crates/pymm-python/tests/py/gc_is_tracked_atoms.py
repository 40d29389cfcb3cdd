# gc.is_tracked: atoms, built-in types and object() are not tracked; containers, user
# classes and their instances are.
import gc


class UserClass:
    pass


class UserInt(int):
    pass


class Slots:
    __slots__ = ()


for label, value in [("None", None), ("int", 1), ("float", 1.0), ("complex", 1 + 5j),
                     ("bool", True), ("bytes", b"a"), ("str", "a"), ("type", type),
                     ("int type", int), ("object type", object), ("object()", object()),
                     ("exception type", KeyError), ("module", gc), ("user class", UserClass),
                     ("instance", UserClass()), ("int subclass", UserInt()), ("list", []),
                     ("set", set()), ("slots instance", Slots())]:
    print(label, gc.is_tracked(value))
try:
    object().attribute = 1
except AttributeError as e:
    print("AttributeError", e)
