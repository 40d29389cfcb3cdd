# Generators run lazily: code runs only when values are requested.
log = []

def count_up(n):
    log.append("start")
    i = 0
    while i < n:
        log.append("yield " + str(i))
        yield i
        i += 1
    log.append("done")

g = count_up(3)
print("nothing ran on creation:", log)
print("first:", next(g))
print("log:", log)
print("rest:", list(g))
print("log:", log)
try:
    next(g)
except StopIteration:
    print("exhausted: StopIteration")
print("next with default:", next(g, "empty"))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print("first ten fibonacci:", [next(f) for _ in range(10)])

def returns_value():
    yield 1
    return "result"

r = returns_value()
next(r)
try:
    next(r)
except StopIteration as stop:
    print("return value in StopIteration:", stop.value)
print("type:", type(g).__name__)
print("iter(g) is g:", iter(g) is g)
print("sum of a generator:", sum(count_up(5)))
