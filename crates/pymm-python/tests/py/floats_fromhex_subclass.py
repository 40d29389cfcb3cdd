# float.fromhex is a class method: a subclass's fromhex calls the subclass with the float.
class F(float):
    def __new__(cls, value):
        return float.__new__(cls, value + 1)


class G(float):
    def __init__(self, value):
        self.foo = "bar"


for cls in (float, F, G):
    v = cls.fromhex((1.5).hex())
    print(type(v).__name__, v, getattr(v, "foo", None))
print(F(0.0).fromhex("0x1p3"), type(G(1.0).fromhex("-0x1.8p1")).__name__)
try:
    float.fromhex("zz")
except ValueError as e:
    print("ValueError", e)
