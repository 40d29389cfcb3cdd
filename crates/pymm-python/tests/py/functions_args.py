# Defaults, keyword arguments, *args and **kwargs.
def describe(a, b=2, *rest, c=3, **extra):
    return "a=" + str(a) + " b=" + str(b) + " rest=" + str(rest) + " c=" + str(c) + " extra=" + str(extra)

print(describe(1))
print(describe(1, 5))
print(describe(1, 5, 6, 7))
print(describe(1, c=9))
print(describe(1, 2, 3, c=4, d=5, e=6))
print(describe(b=8, a=7))
args = [10, 20, 30]
kwargs = {"c": 40, "z": 50}
print(describe(*args, **kwargs))

def kw_only(*, flag=False):
    return flag

print("keyword only:", kw_only(), kw_only(flag=True))
try:
    kw_only(True)
except TypeError as err:
    print("TypeError:", err)
try:
    describe()
except TypeError as err:
    print("TypeError:", err)
try:
    describe(1, a=2)
except TypeError as err:
    print("TypeError:", err)

def total(*numbers):
    return sum(numbers)

print("varargs:", total(), total(1, 2, 3))
print("lambda with defaults:", (lambda x, y=10: x * y)(3))
def no_return():
    pass
print("implicit None:", no_return())
def multi():
    return 1, "two", [3]
one, two, three = multi()
print("multiple return values:", one, two, three)
print("function name:", describe.__name__)
