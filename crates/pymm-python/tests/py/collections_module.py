# The collections module (written in Python on pymm): defaultdict, Counter, OrderedDict,
# deque, namedtuple.
from collections import defaultdict, Counter, OrderedDict, deque, namedtuple
d = defaultdict(list)
for word in "apple avocado banana blueberry cherry".split():
    d[word[0]].append(word)
print(sorted(d.items()), d["z"], len(d), isinstance(d, dict))
print(repr(defaultdict(int, {"a": 1})))
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["zz"], c.total(), sorted(c.elements())[:5])
print(c)
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c2 | Counter(a=3), c & c2)
c.subtract("aaa")
print(c["a"], Counter(), Counter({"x": 2}) == {"x": 2})
od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(list(od), od.popitem(), od.popitem(last=False), od)
od["z"] = 0
od.move_to_end("z", last=False)
print(od)
q = deque([1, 2, 3])
q.append(4); q.appendleft(0)
print(q, len(q), q[0], q[-1], q.popleft(), q.pop(), list(q), 2 in q)
q.rotate(1); print(q)
q.rotate(-2); print(q)
q.extendleft([9, 8]); print(q, list(reversed(q)))
ring = deque(maxlen=3)
for i in range(6):
    ring.append(i)
print(ring, ring.maxlen)
while q:
    q.popleft()
try:
    q.pop()
except IndexError as e:
    print("IndexError:", e)
big = deque()
for i in range(10000):
    big.append(i)
    if i % 3 == 0:
        big.popleft()
print(len(big), big[0], big[-1], sum(big))
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p == (1, 2), isinstance(p, tuple), p._asdict(), p._replace(x=5), Point._fields)
x, y = p
print(x + y, len(p), hash(p) == hash((1, 2)))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 9])
print(P3(1), P3(1, 2, 3))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
match p:
    case Point(x=1, y=yy):
        print("matched y", yy)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError")
