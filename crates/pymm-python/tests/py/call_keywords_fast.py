# Calls with keyword arguments that bind to positional parameters (the eval loop binds them
# without the general path's vectors), and the calls next to them that must still take the
# general path: errors, positional-only names, keyword-only parameters, *args, **kwargs.


def f(a, b, c=3, d=4):
    return (a, b, c, d)


class Square:
    def __init__(self, pos):
        self.pos = pos

    def find(self, update=False):
        return (self.pos, update)

    def move(self, dx, dy=0, *, scale=1):
        return (self.pos + dx * scale, dy)


print(f(1, b=2))
print(f(a=1, b=2))
print(f(b=2, a=1))
print(f(1, 2, d=40))
print(f(1, 2, d=40, c=30))
print(f(1, b=2, c=None))
s = Square(7)
for update in (True, False):
    print(s.find(update=update))
print(s.find())
print(s.move(1, dy=2), s.move(dx=3), s.move(1, scale=10))
print(Square(pos=9).pos)

# errors: CPython's messages
for call in (
    lambda: f(1, a=1),
    lambda: f(1, x=2),
    lambda: f(c=1, d=2),
    lambda: f(1, 2, 3, 4, a=5),
    lambda: s.find(1, update=True),
    lambda: s.find(self=1),
    lambda: Square(position=1),
):
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)


def posonly(a, b=2, /, c=3):
    return (a, b, c)


print(posonly(1, c=5))
try:
    posonly(1, b=5)
except TypeError:
    print("TypeError: a positional-only parameter given by keyword")


def star(a, *rest, b=1):
    return (a, rest, b)


def starstar(a, b=0, **kw):
    return (a, b, sorted(kw.items()))


print(star(1, 2, 3, b=4), star(a=1))
print(starstar(1, b=2, z=3), starstar(a=1, b=2))


def with_cell(a, b=5):
    def inner():
        return a + b

    return inner()


print(with_cell(1, b=10), with_cell(a=2))


def many(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9=9):
    return p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9


print(many(p0=0, p1=1, p2=2, p3=3, p4=4, p5=5, p6=6, p7=7, p8=8))
print(many(0, 1, 2, 3, 4, 5, 6, 7, p8=8, p9=90))


def gen(n, step=1):
    yield from range(0, n, step)


print(list(gen(10, step=3)), list(gen(n=3)))

# the defaults are the function's current ones, and values are not shared between calls
def acc(x, into=None):
    into = [] if into is None else into
    into.append(x)
    return into


print(acc(1), acc(2), acc(3, into=[0]))
