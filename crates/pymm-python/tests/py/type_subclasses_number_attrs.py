# type.mro() and type.__subclasses__() (live direct subclasses, in the order they were
# made), and the numbers' data attributes: listed by dir(), read on subclasses' instances.
import gc

NAMES = ("real", "imag", "numerator", "denominator", "conjugate")


class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


print(A.mro(), type.mro(D), D.mro() == list(D.__mro__))
print(A.__subclasses__(), B.__subclasses__(), type.__subclasses__(C), D.__subclasses__())
del C
gc.collect()
print(A.__subclasses__(), B.__subclasses__())


class Meta(type):
    pass


class E(metaclass=Meta):
    pass


class F(E):
    pass


print(E.__subclasses__(), F.mro(), Meta.mro(Meta))
try:
    type.mro(5)
except TypeError as e:
    print(e)
print(callable(A.__call__), A.__call__().__class__.__name__)

for t in (int, float, complex, bool, 5, 2.5, 1j, True):
    print([n for n in dir(t) if n in NAMES])


class MyInt(int):
    pass


class MyFloat(float):
    pass


print([n for n in dir(MyInt) if n in NAMES], [n for n in dir(MyFloat(1)) if n in NAMES])
i, f = MyInt(3), MyFloat(2.5)
print(i.real, type(i.real), i.imag, i.numerator, i.denominator, i.conjugate())
print(f.real, type(f.real), f.imag, f.conjugate())
print((5).real, (5).conjugate(), (2.5).conjugate(), True.numerator, type(True.real))
