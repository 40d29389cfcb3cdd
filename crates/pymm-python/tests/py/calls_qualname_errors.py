# Argument errors name the function by its qualified name, as CPython 3.11 does.
class A:
    def f(self, x):
        return x

    def kw(self, *, key):
        return key

    class Inner:
        def g(self, a, b=1):
            return a


def outer():
    def local(p):
        return p

    return local


def plain(a, b):
    return a


calls = [
    lambda: A().f(),
    lambda: A().f(1, 2),
    lambda: A.f(),
    lambda: A().f(1, x=2),
    lambda: A().f(y=1),
    lambda: A().kw(),
    lambda: A.Inner().g(),
    lambda: A.Inner().g(1, 2, 3),
    lambda: outer()(),
    lambda: outer()(1, 2),
    lambda: plain(1),
    lambda: plain(1, 2, 3),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print(e)
