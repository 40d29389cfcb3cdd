# itertools and functools (written in Python on pymm).
import itertools as it
from functools import reduce, partial, lru_cache, cache, wraps, cached_property, cmp_to_key, total_ordering
print(list(it.islice(it.count(10, 5), 4)), list(it.islice(it.cycle("ab"), 5)), list(it.repeat(7, 3)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(it.chain([1, 2], "ab")), list(it.chain.from_iterable([[1], [2, 3]])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.filterfalse(lambda x: x % 2, range(6))))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.islice("abcdefg", 1, 6, 2)), list(it.islice(range(10), 3)))
print(list(it.zip_longest("ab", [1, 2, 3], fillvalue="-")), list(it.pairwise([1, 2, 3, 4])))
print([(k, list(g)) for k, g in it.groupby("aaabbca")], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4], key=lambda x: x % 2)])
a, b = it.tee([1, 2, 3]); print(list(a), list(b))
print(list(it.product("ab", [0, 1])), len(list(it.product(range(3), repeat=3))), list(it.product([], [1])))
print(list(it.permutations([1, 2, 3], 2)), len(list(it.permutations(range(4)))))
print(list(it.combinations("abcd", 2)), list(it.combinations_with_replacement("ab", 2)))
print(reduce(lambda x, y: x * y, [1, 2, 3, 4]), reduce(lambda x, y: x + y, [], 0))
try:
    reduce(lambda x, y: x, [])
except TypeError as e:
    print("TypeError:", e)
base2 = partial(int, base=2); print(base2("1010"), partial(pow, 2)(10))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    return x * x
for v in [1, 2, 1, 3, 2]:
    sq(v)
print(sq.cache_info()); sq.cache_clear(); print(sq.cache_info())
@cache
def add(a, b=0):
    return a + b
print(add(1, b=2), add(1, b=2), add.cache_info().hits)
def deco(f):
    @wraps(f)
    def inner(*args):
        return f(*args) * 2
    return inner
@deco
def triple(x):
    """Triples."""
    return x * 3
print(triple(2), triple.__name__, triple.__doc__, triple.__wrapped__(2))
class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0
    @cached_property
    def area(self):
        self.computed += 1
        return 3 * self.r * self.r
c = Circle(2); print(c.area, c.area, c.computed)
print(sorted([3, 1, 2], key=cmp_to_key(lambda x, y: y - x)))
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2), sorted([V(3), V(1)], key=lambda x: x.v)[0].v)
class Memo:
    @lru_cache(maxsize=None)
    def f(self, x):
        return x + 1
m = Memo(); print(m.f(1), m.f(1))
