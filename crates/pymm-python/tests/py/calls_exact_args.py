# Calls of Python functions that take exactly their positional arguments (the eval loop's
# quickest call) beside the calls that must take the general path: defaults, closures, cells,
# generators, *args, keyword-only parameters, bound method objects. Each must bind the same
# values, raise the same errors with the same line numbers, and leave the caller's stack as
# it was.
import sys
import traceback


def two(a, b):
    return (a, b)


def none():
    return "none"


def with_locals(a, b):
    c = a + b
    d = c * 2
    return a, b, c, d


def with_default(a, b=10):
    return a + b


def with_star(a, *rest):
    return a, rest


def with_kwonly(a, *, k=3):
    return a, k


def outer(x):
    def inner(y):
        return x + y

    return inner


def cell_param(a):
    def get():
        return a

    a += 1
    return get()


def gen(a, b):
    yield a
    yield b


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

    def norm1(self):
        return abs(self.x) + abs(self.y)

    @staticmethod
    def origin():
        return Point(0, 0)

    @classmethod
    def unit(cls):
        return cls(1, 1)


class Sub(Point):
    def norm1(self):
        return super().norm1() * 10


for i in range(3):
    print(two(i, -i), none(), with_locals(i, 1))
    print(with_default(i), with_default(i, 1), with_star(i), with_star(i, 1, 2))
    print(with_kwonly(i), with_kwonly(i, k=i), outer(i)(5), cell_param(i), list(gen(i, 0)))

p = Point(1, -2)
q = p.moved(2, 2)
print(q.x, q.y, q.norm1(), Point.origin().norm1(), Point.unit().norm1(), Sub(3, 4).norm1())
bound = p.moved
print(bound(1, 1).x, Point.moved(p, 5, 5).y)

# the arguments' count checked as CPython does
for call in (lambda: two(1), lambda: two(1, 2, 3), lambda: none(1), lambda: p.norm1(2),
             lambda: Point.moved(p, 1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


# a callee that raises: the traceback names each frame's line
def fails(a, b):
    return a // b


def calls_fails(a):
    x = fails(a, 0)
    return x


try:
    calls_fails(1)
except ZeroDivisionError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([(frame.name, frame.lineno) for frame in tb])


# exceptions caught in the caller, and the caller's stack unharmed under them
def catches(n):
    total = 0
    for i in range(n):
        try:
            total += fails(i, i % 2)
        except ZeroDivisionError:
            total -= 1
    return total


print(catches(10), [catches(k) for k in range(4)])


# sys._getframe and f_back through quick calls
def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno


def caller_of_where():
    return where()


print(caller_of_where())


# deep recursion through exact-argument calls ends in CPython's RecursionError
def down(n, acc):
    return down(n + 1, acc)


try:
    down(0, 0)
except RecursionError as e:
    print("RecursionError:", e)


# and recursion that fits returns through every frame
def fib(n, unused):
    if n < 2:
        return n
    return fib(n - 1, unused) + fib(n - 2, unused)


print(fib(20, None))


# a name rebound between calls of one call site: to another function, then a built-in
def swap(a, b):
    return "first"


for step in range(3):
    print(swap(1, 2))
    swap = two if step == 0 else max
