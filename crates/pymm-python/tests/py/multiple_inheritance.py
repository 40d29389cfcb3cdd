# Multiple inheritance: C3 method resolution order, super() along it, mixins.
class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
print([k.__name__ for k in D.__mro__])
print(D().who(), D.__bases__ == (B, C), D.__base__ is B)
print(isinstance(D(), C), issubclass(D, A), issubclass(C, B))

class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(self.__dict__.items()))
        return f"{type(self).__name__}({fields})"
class EqMixin:
    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__
    __hash__ = None
class Point(ReprMixin, EqMixin):
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Point(1, 2), Point(1, 2) == Point(1, 2), Point(1, 2) == Point(2, 1))

class Base:
    def __init__(self):
        self.log = ["Base"]
class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")
class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")
class Bottom(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Bottom")
print(Bottom().log)

class LoggedError(RuntimeError, ReprMixin):
    pass
try:
    raise LoggedError("boom")
except RuntimeError as e:
    print("caught", type(e).__name__, e.args, isinstance(e, ReprMixin))

class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass
try:
    class Z(P, Q):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class W(X, X):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class LD(list, dict):
        pass
except TypeError as e:
    print("TypeError:", e)

class Sized:
    def size(self):
        return len(self)
class SizedList(Sized, list):
    pass
s = SizedList([1, 2, 3])
print(s.size(), s, [k.__name__ for k in SizedList.__mro__])

import gc
class Node(Left, Right):
    pass
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("collected:", gc.collect())
