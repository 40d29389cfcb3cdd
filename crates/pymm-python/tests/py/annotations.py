# Annotations in module and class bodies land in __annotations__; in functions they are not kept.
x: int = 1
y: str
class P:
    a: int
    b: float = 2.0
    def f(self):
        z: int = 3
        return z
print(__annotations__, P.__annotations__, P().f(), P.b)
