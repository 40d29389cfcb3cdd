# Generators are lazy: their frame lives in the heap between items (seed section 4).
import sys


def squares(n):
    for i in range(n):
        yield i * i


g = squares(10 ** 6)
print("first three:", next(g), next(g), next(g))
print("sum of the rest:", sum(g))
print("a generator is small:", sys.getsizeof(squares(10)) < sys.getsizeof(list(range(1000))))
print("comprehension:", [x for x in squares(5) if x % 2 == 0])
