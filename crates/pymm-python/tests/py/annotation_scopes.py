# Annotations at module and class level are evaluated, with any lambda or comprehension in
# them; in a function they are not.
x: (lambda: int)() = 1
y: [t for t in (int, str)]
print(x, __annotations__["x"], __annotations__["y"])


class C:
    a: (lambda: "A")()
    b: {k: v for k, v in [("k", 1)]} = 2


print(C.__annotations__, C.b)


def f():
    z: (lambda: undefined_name)() = 3
    return z


print(f())
