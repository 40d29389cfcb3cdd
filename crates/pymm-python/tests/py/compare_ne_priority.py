# != through object.__ne__ negates the left operand's own __eq__ only (never the reflected
# __eq__), and a subclass's reflected method comes before its base's.
calls = []


def method(label, result=NotImplemented):
    def f(*args):
        calls.append(label)
        return result
    return f


class Left:
    __eq__ = method("Left.__eq__")


class Right:
    __eq__ = method("Right.__eq__")
    __ne__ = method("Right.__ne__")


class Base:
    __eq__ = method("Base.__eq__")
    __lt__ = method("Base.__lt__")


class Derived(Base):
    __eq__ = method("Derived.__eq__")
    __ne__ = method("Derived.__ne__")
    __gt__ = method("Derived.__gt__", True)


class Yes:
    __eq__ = method("Yes.__eq__", 1)


for a, b in [(Left(), Right()), (Base(), Derived()), (Derived(), Base()), (Yes(), Left()),
             (Left(), Yes()), (Left(), 3), (3, Right())]:
    calls.clear()
    print(type(a).__name__, type(b).__name__, a != b, a == b, calls)
calls.clear()
print(Base() < Derived(), calls)
calls.clear()
try:
    Derived() < Base()
except TypeError as e:
    print("TypeError", e, calls)
