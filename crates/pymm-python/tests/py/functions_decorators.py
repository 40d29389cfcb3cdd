# Plain function decorators and higher-order functions.
calls = []

def logged(fn):
    def wrapper(*args):
        calls.append(fn.__name__ + str(args))
        return fn(*args)
    return wrapper

@logged
def add(a, b):
    return a + b

@logged
def neg(x):
    return -x

print("results:", add(2, 3), neg(4))
print("calls:", calls)

def twice(fn):
    return lambda x: fn(fn(x))

@twice
def inc(x):
    return x + 1

print("twice inc:", inc(5))

def compose(f, g):
    return lambda x: f(g(x))

print("compose:", compose(str, abs)(-7) + "!")
print("map:", list(map(lambda x: x * 2, [1, 2, 3])))
print("filter:", list(filter(lambda x: x % 2, range(7))))
print("sorted with key:", sorted(["bb", "a", "ccc"], key=len, reverse=True))
print("functions are objects:", callable(add), callable(5), type(add).__name__)
memo = {}
def fib(n):
    if n not in memo:
        memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
    return memo[n]
print("memoized fib(90):", fib(90))
