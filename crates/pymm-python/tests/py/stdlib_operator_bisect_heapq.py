# operator, bisect and heapq as CPython's.
import bisect
import heapq
import operator
from operator import attrgetter, itemgetter, methodcaller


class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self.inner = self

    def scaled(self, k, plus=0):
        return self.x * k + plus


pts = [P(3, 1), P(1, 2), P(2, 0)]
print([p.x for p in sorted(pts, key=attrgetter("x"))])
print(attrgetter("x", "inner.y")(pts[0]), itemgetter(1)([5, 6]), itemgetter(0, 2)("abc"))
print(methodcaller("scaled", 2, plus=1)(pts[0]), repr(methodcaller("scaled", 2, plus=1)))
print(repr(itemgetter(1, 2)), repr(attrgetter("a.b")))
print(operator.add(2, 3), operator.mul("ab", 2), operator.neg(4), operator.not_(0), operator.truth([]))
print(operator.getitem({"k": 1}, "k"), operator.contains([1, 2], 2), operator.countOf([1, 1, 2], 1))
print(operator.indexOf("abc", "c"), operator.is_(None, None), operator.abs(-3), operator.pow(2, 10))
print(operator.lt(1, 2), operator.ge(1, 2), operator.floordiv(7, 2), operator.truediv(7, 2), operator.mod(7, 3))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.inv(5))
lst = [1]
print(operator.iadd(lst, [2]) is lst, lst, operator.index(7), operator.length_hint([1, 2, 3]))
d = {}
operator.setitem(d, "a", 1)
operator.delitem(d, "a")
print(d, operator.concat([1], [2]))
try:
    operator.concat(1, 2)
except TypeError as e:
    print("TypeError:", e)

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 9))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
print(a)
recs = [(1, "a"), (3, "b"), (5, "c")]
print(bisect.bisect_left(recs, 3, key=lambda r: r[0]), bisect.bisect_right(recs, 3, key=lambda r: r[0]))
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print("ValueError:", e)

h = []
for v in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, v)
print(h, [heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data, heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), data)
print(heapq.nsmallest(3, [5, 1, 4, 1, 9]), heapq.nlargest(2, [5, 1, 4, 1, 9]))
print(heapq.nsmallest(2, ["bb", "a", "ccc"], key=len), heapq.nlargest(2, ["bb", "a", "ccc"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
print(list(heapq.merge([7, 4, 1], [8, 2], reverse=True)), list(heapq.merge(["a", "ccc"], ["bb"], key=len)))
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "read"))
heapq.heappush(tasks, (3, "close"))
print([heapq.heappop(tasks)[1] for _ in range(3)])
