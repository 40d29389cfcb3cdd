# __doc__ of functions, methods and classes (not inherited), from their docstrings.
def f():
    """Does f."""
    return 1
def g():
    return 2
class A:
    """An A."""
    def m(self):
        "Method doc."
class B(A):
    pass
print(f.__doc__, g.__doc__, A.__doc__, B.__doc__, A().__doc__, A.m.__doc__, A().m.__doc__)
print(f(), g(), (lambda: 0).__doc__)
