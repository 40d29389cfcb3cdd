# `await` and `yield from` take what the awaited coroutine or delegated generator returns;
# every kind of return value, and every way the delegation can end, must give what CPython
# gives.


def drive(coro):
    """Runs a coroutine to its end with send(None); returns what it yielded and returned."""
    yielded = []
    try:
        while True:
            yielded.append(coro.send(None))
    except StopIteration as stop:
        return yielded, stop.value


async def value(v):
    return v


async def nothing():
    pass


class Suspend:
    def __await__(self):
        got = yield "suspended"
        return ("resumed with", got)


async def chain(n):
    if n == 0:
        return 0
    return 1 + await chain(n - 1)


async def fib(n):
    if n <= 1:
        return n
    return await fib(n - 1) + await fib(n - 2)


async def kinds():
    out = []
    for v in [None, 0, 1.5, "s", (), (1, 2), [3], StopIteration(4), ValueError("x")]:
        out.append(await value(v))
    out.append(await nothing())
    out.append(await Suspend())
    return out


print("chain", drive(chain(30)))
print("fib", drive(fib(15)))
y, r = drive(kinds())
print("kinds yielded", y)
print("kinds", [type(v).__name__ if isinstance(v, BaseException) else v for v in r])
print("exception values", [v.args for v in r if isinstance(v, BaseException)])


# a tuple returned is one value, not arguments of StopIteration
def gen_tuple():
    yield 1
    return (5, 6)


def outer():
    got = yield from gen_tuple()
    got2 = yield from iter([7, 8])
    got3 = yield from gen_returning_none()
    return got, got2, got3


def gen_returning_none():
    yield 9


g = outer()
print("yield from", list(g))
g = outer()
for v in g:
    pass
try:
    next(g)
except StopIteration as e:
    print("after end", e.value, e.args)


def gen_with_return():
    yield from gen_tuple()
    return "done"


try:
    g = gen_with_return()
    next(g)
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value)


# an awaited coroutine raising; a reused coroutine
async def raises():
    raise KeyError("k")


async def catches():
    try:
        await raises()
    except KeyError as e:
        return "caught " + repr(e)


print("catches", drive(catches()))

c = value(1)


async def twice():
    a = await c
    try:
        await c
    except RuntimeError as e:
        return a, str(e)


print("twice", drive(twice()))


# StopIteration raised inside a generator becomes RuntimeError (PEP 479)
def leaks():
    raise StopIteration("leaked")
    yield


def delegates():
    try:
        yield from leaks()
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


print("leaks", list(delegates()))


# a custom iterator delegated to: its StopIteration's value is the result
class Counter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("counter done")
        return self.n

    def send(self, v):
        return self.__next__()


def uses_counter():
    r = yield from Counter()
    return r


g = uses_counter()
print("counter", next(g), g.send("x"))
try:
    g.send("y")
except StopIteration as e:
    print("counter result", e.value)


# throw and close through a delegation
def inner():
    try:
        yield 1
        yield 2
    except ValueError:
        return "inner handled"
    finally:
        print("inner finally")


def middle():
    r = yield from inner()
    yield ("middle got", r)


g = middle()
print(next(g))
print(g.throw(ValueError))
g.close()


# a generator's return value ends a for loop, list(), sum() like any end; next() and
# next() with a default see it as CPython does
def gen_returning_value():
    yield 1
    return 5


for item in gen_returning_value():
    print("for", item)
print("list", list(gen_returning_value()), "sum", sum(gen_returning_value()))
print("sorted", sorted(gen_returning_value()), "tuple", tuple(gen_returning_value()))
it = gen_returning_value()
print("next", next(it), "default", next(it, "dflt"), next(it, "dflt2"))
it = gen_returning_value()
next(it)
try:
    next(it)
except StopIteration as e:
    print("next value", e.value, e.args)
try:
    next(it)
except StopIteration as e:
    print("exhausted", e.value, e.args)
print("comprehension", [x for x in gen_returning_value()], {x for x in gen_returning_value()})
