# Calling a class runs __init__ on the new instance: arguments, defaults, keywords, errors,
# closures over self, recursion, frames and tracebacks seen from inside __init__.
import sys


def tb_names(tb):
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return names


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y


p = Point(1)
print("default:", p.x, p.y)
p = Point(2, 3)
print("positional:", p.x, p.y)
p = Point(y=5, x=4)
print("keywords:", p.x, p.y)
print("type:", type(p).__name__, isinstance(p, Point))

for args in [(), (1, 2, 3)]:
    try:
        Point(*args)
    except TypeError as e:
        print("bad arguments:", len(args), type(e).__name__)


class ReturnsValue:
    def __init__(self, v):
        self.v = v
        return v


print("returns None:", ReturnsValue(None).v)
try:
    ReturnsValue(7)
except TypeError as e:
    print("returns 7:", e)
    print("traceback frames:", tb_names(e.__traceback__))


class Raises:
    def __init__(self, n):
        if n > 2:
            raise ValueError("n is %d" % n)
        self.n = n


try:
    Raises(3)
except ValueError as e:
    print("raised:", e, tb_names(e.__traceback__))


class Captures:
    def __init__(self, v):
        self.v = v
        self.get = lambda: self.v * 2


c = Captures(21)
print("closure over self:", c.get())


class Tree:
    def __init__(self, depth):
        self.children = [Tree(depth - 1) for _ in range(2)] if depth else []

    def count(self):
        return 1 + sum(ch.count() for ch in self.children)


print("nested construction:", Tree(6).count())


class Deep:
    def __init__(self, n):
        self.inner = Deep(n + 1)


try:
    Deep(0)
except RecursionError as e:
    print("recursion:", type(e).__name__)


class SeesCaller:
    def __init__(self):
        self.init_name = sys._getframe(0).f_code.co_name
        self.caller = sys._getframe(1).f_code.co_name


def make():
    return SeesCaller()


s = make()
print("frames:", s.init_name, s.caller)


class Base:
    def __init__(self, a):
        self.a = a


class Derived(Base):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b


class Inherits(Base):
    pass


d = Derived(1, 2)
print("super init:", d.a, d.b)
print("inherited init:", Inherits(9).a)


class WithNew:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.made_by = "new"
        return inst

    def __init__(self, v):
        self.v = v


w = WithNew(3)
print("new then init:", w.made_by, w.v)


class Other:
    pass


class NewGivesOther:
    def __new__(cls, v):
        return Other()

    def __init__(self, v):
        raise AssertionError("not run: __new__ gave another class")


print("new gives other:", type(NewGivesOther(1)).__name__)


class Meta(type):
    def __call__(cls, *args):
        inst = super().__call__(*args)
        inst.via_meta = True
        return inst


class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v


m = WithMeta(4)
print("metaclass call:", m.v, m.via_meta)


class MyError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


try:
    raise MyError(5)
except MyError as e:
    print("exception init:", e.code, e.args, str(e))


class MyList(list):
    def __init__(self, items, tag):
        super().__init__(items)
        self.tag = tag


ml = MyList([1, 2], "t")
print("builtin base:", list(ml), ml.tag)


class GenInit:
    def __init__(self):
        yield 1


try:
    GenInit()
except TypeError as e:
    print("generator init:", e)


class Later:
    def __init__(self, v):
        self.v = v


def build(n):
    return [Later(i).v for i in range(n)]


print("before change:", build(3))


def new_init(self, v):
    self.v = -v


Later.__init__ = new_init
print("after change:", build(3))
del Later.__init__
try:
    Later(1)
except TypeError as e:
    print("after delete:", e)
print("no init no args:", type(Later()).__name__)


class Counter:
    made = 0

    def __init__(self):
        Counter.made += 1


for _ in range(1000):
    Counter()
print("made:", Counter.made)
