# Generator expressions are lazy; the first iterable is evaluated at once, the rest later.
import sys

seen = []

def source(n):
    for i in range(n):
        seen.append(i)
        yield i

gen = (x * 2 for x in source(5))
print("nothing consumed yet:", seen)
print("first:", next(gen))
print("consumed so far:", seen)
print("remaining:", list(gen))
squares = (x * x for x in range(1000000))
print("a generator is small:", sys.getsizeof(squares) < 1000)
print("sum of the first 10 squares:", sum(x * x for x in range(10)))
pairs = ((a, b) for a in range(3) for b in range(a))
print("nested:", list(pairs))
evens = (n for n in range(20) if n % 2 == 0)
print("filtered:", list(evens))
print("any/all short-circuit:", any(x > 3 for x in range(10**9)), all(x < 3 for x in range(10**9)))
print("max of a genexpr:", max(len(w) for w in ["a", "abc", "ab"]))
print("sorted genexpr:", sorted((x % 3, x) for x in range(6)))
try:
    bad = (1 / x for x in [1, 0])
    print("created without error")
    list(bad)
except ZeroDivisionError:
    print("error only when consumed")
