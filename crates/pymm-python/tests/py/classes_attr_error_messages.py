# The AttributeErrors of setting and deleting attributes: a class attribute seen from an
# instance without __dict__ is read-only there; a class names itself as a type object.
class A:
    y = 0


class B:
    y = 0
    __slots__ = ("z",)


def attempt(f):
    try:
        f()
    except AttributeError as e:
        print(type(e).__name__, e)


b = B()
attempt(lambda: delattr(A(), "y"))
attempt(lambda: delattr(b, "y"))
attempt(lambda: setattr(b, "y", 1))
attempt(lambda: setattr(b, "__eq__", 1))
attempt(lambda: delattr(b, "q"))
attempt(lambda: setattr(b, "q", 0))
attempt(lambda: b.z)
attempt(lambda: delattr(b, "z"))
attempt(lambda: setattr(object(), "x", 1))
attempt(lambda: setattr(object(), "__eq__", 1))
attempt(lambda: delattr(A, "x"))
attempt(lambda: A.x)
b.z = 5
print(b.z, B.y, A().y)
