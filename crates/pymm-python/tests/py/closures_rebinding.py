# Closure cells rebound with nonlocal, deleted, read through __closure__ and the class cell
# of super(); the old value dropped once the cell holds the new one; cycles through a cell.
import gc
import sys


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    def peek():
        return count

    return bump, peek


bump, peek = counter()
print(bump(), bump(), peek())
print([type(c).__name__ for c in bump.__closure__])
print(bump.__closure__[0].cell_contents, bump.__closure__[0] is peek.__closure__[0])


def unbound_read():
    def inner():
        return value

    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    value = 5
    print(inner())
    del value
    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    try:
        inner.__closure__[0].cell_contents
    except ValueError as e:
        print("ValueError:", e)


unbound_read()


class Base:
    def who(self):
        return "base"


class Child(Base):
    def who(self):
        return "child of " + super().who()


print(Child().who(), Child.who.__closure__[0].cell_contents is Child)


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def rebinding():
    x = Noisy("first")

    def get():
        return x.name

    x = Noisy("second")
    print("now", get())
    return get


g = rebinding()
del g
print("cells freed by reference counting")


def cycle():
    def f():
        return f

    return f


gc.disable()
gc.collect()
f = cycle()
print(f() is f, sys.getrefcount(f) > 1)
del f
print("collected:", gc.collect() >= 2)
gc.enable()
