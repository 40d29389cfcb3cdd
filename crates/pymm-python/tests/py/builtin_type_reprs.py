# The singletons' types, and the reprs of the method wrappers and of super objects.
print(type(None)() is None, type(NotImplemented)() is NotImplemented, type(...)() is ...)
for t in (type(None), type(NotImplemented), type(...)):
    for args, kwargs in (((1,), {}), ((), {"a": 1})):
        try:
            t(*args, **kwargs)
        except TypeError as e:
            print(e)

print(repr(staticmethod(len)), repr(classmethod(len)), repr(staticmethod(1)))


class A:
    def f(self):
        return super()

    @classmethod
    def g(cls):
        return super()


class B(A):
    pass


print(repr(A().f()), repr(B().f()), repr(A.g()), repr(B.g()))
print(repr(super(int, True)), repr(super(int, int)), repr(super(A, B())))
print([].append.__module__, len.__module__, {}.get.__module__)
