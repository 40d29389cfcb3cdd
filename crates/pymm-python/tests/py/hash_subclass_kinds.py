# hash() of instances whose class keeps object's or a built-in base type's __hash__
# (answered without a call, remembered per class), and what must change it: a __hash__
# assigned to the class or a base later, a class made anew, __eq__ without __hash__.
import collections

P = collections.namedtuple("P", "x y")
p = P(1, 2)
print(hash(p) == hash((1, 2)), {p: 1}[(1, 2)], {(1, 2): 2}[p])
state = (0, (P(1, (2, 3)), P(4, 5), 0))
print(hash(state) == hash((0, ((1, (2, 3)), (4, 5), 0))))

class I(int):
    pass
class S(str):
    pass
print(hash(I(5)) == hash(5), hash(S("ab")) == hash("ab"), hash(I(2**80)) == hash(2**80))

class O:
    pass
o = O()
print(hash(o) == hash(o), hash(o) == id(o) >> 4)

# a __hash__ given to the class after its instances were hashed
for _ in range(3):
    hash(p)
    hash(o)
P.__hash__ = lambda self: 42
O.__hash__ = lambda self: 7
print(hash(p), hash(o))
del P.__hash__
del O.__hash__
print(hash(p) == hash((1, 2)), hash(o) == id(o) >> 4)

# on a base class
class Base(tuple):
    pass
class Derived(Base):
    pass
d = Derived((1, 2))
print(hash(d) == hash((1, 2)))
Base.__hash__ = lambda self: 99
print(hash(d))
Base.__hash__ = tuple.__hash__
print(hash(d) == hash((1, 2)))

# classes made in a loop (addresses reused) with different hashes
for i in range(5):
    if i % 2:
        class C(tuple):
            def __hash__(self):
                return 1000 + len(self)
    else:
        class C(tuple):
            pass
    print(i, hash(C((1, 2, 3))) == hash((1, 2, 3)), hash(C((1,))) if i % 2 else "-")

class E(tuple):
    def __eq__(self, other):
        return True
try:
    hash(E(()))
except TypeError as e:
    print("TypeError", e)

class H:
    __hash__ = object.__hash__
    def __eq__(self, other):
        return False
h = H()
print(hash(h) == id(h) >> 4)
print(len({P(i, i) for i in range(100)} | {(i, i) for i in range(50, 150)}))
