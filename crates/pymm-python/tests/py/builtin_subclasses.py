# Subclasses of built-in types: the built-in value behaves as itself, the class adds to it.
class Stack(list):
    def peek(self):
        return self[-1]
    def push(self, x):
        self.append(x)
        return self

s = Stack([1, 2])
s.push(3).push(4)
print(s.peek(), len(s), s, isinstance(s, list), isinstance(s, Stack), type(s).__name__)
print(s[1:3], s + [9], 3 in s, bool(Stack()), list(reversed(s)), sorted(s, reverse=True))
s += [5]
print(type(s).__name__, s, s == [1, 2, 3, 4, 5], s.count(2), s.index(3))
s[0] = 10
del s[1]
print(s, [x * 2 for x in s], sum(s), max(s))

class Named(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name
n = Named("ab", [1, 2])
print(n.name, n, len(n))

class Counter(dict):
    def __missing__(self, key):
        return 0
    def add(self, key):
        self[key] = self[key] + 1
c = Counter()
for w in "a b a c a b".split():
    c.add(w)
print(sorted(c.items()), c["zzz"], "a" in c, len(c), c.get("b"), dict(c) == {"a": 3, "b": 2, "c": 1})

class AttrDict(dict):
    def __getattr__(self, name):
        return self[name]
d = AttrDict(x=1, y=2)
print(d.x, d.y, d, list(d.keys()))

class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hi")
print(u.shout(), u, len(u), u + " there", u == "hi", repr(u), f"[{u}]", hash(u) == hash("hi"))

class Meters(int):
    def __repr__(self):
        return f"{int(self)}m"
m = Meters(5)
print(m, repr(m), m + 3, m * 2, m > 4, int(m), float(m), str(m))

class Point(tuple):
    def norm1(self):
        return abs(self[0]) + abs(self[1])
p = Point((3, -4))
print(p, p.norm1(), p[0], len(p), p == (3, -4), {p: 1}[(3, -4)])

class Tags(set):
    pass
t = Tags([1, 2, 2, 3])
t.add(4)
print(sorted(t), 2 in t, len(t), type(t).__name__)

class Temp(float):
    def f(self):
        return self * 9 / 5 + 32
print(Temp(100.0).f(), Temp(1.5) + 1)

try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError:", e)

import gc
class Node(list):
    pass
a = Node()
b = Node()
a.append(b)
b.append(a)
del a, b
print("cycle through list subclasses collected:", gc.collect() >= 2)
