# Slots under a class with a __dict__ (a subclass without __slots__, or __slots__ naming
# __dict__): the slot values stay in the object, never in its __dict__, whatever is stored
# there or assigned to it; deleting, __class__ assignment between such classes, 300 slots, copy.
class Pair:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
        self.b = 2

class Open(Pair):
    pass

o = Open()
o.c = 3
print(sorted(o.__dict__.items()))
print(sorted(vars(o).items()))
print(o.a, o.b, o.c)
del o.a
print(hasattr(o, "a"), sorted(o.__dict__))
o.a = 10
print(o.a, sorted(o.__dict__))
o.__dict__["a"] = 99
print(o.a, sorted(o.__dict__.items()))
o.__dict__ = {"z": 5}
print(o.z, o.b, sorted(o.__dict__.items()))

class More(Open):
    __slots__ = ("d",)
m = More()
m.d = 4; m.e = 5
print(sorted(m.__dict__.items()), m.a if hasattr(m, "a") else "no a", m.d)

class Plain:
    pass
class Slotted(Plain):
    __slots__ = ("x",)
s = Slotted(); s.x = 1; s.y = 2
print(sorted(s.__dict__.items()), s.x)
o2 = Open()
try:
    del o2.a
except AttributeError as e:
    print("del unset slot:", e)
try:
    o2.a
except AttributeError as e:
    print("get unset slot:", e)
class Open2(Pair):
    pass
o3 = Open(); o3.q = 1
o3.__class__ = Open2
print(type(o3).__name__, o3.a, o3.b, o3.q, sorted(o3.__dict__.items()))
class Other:
    pass
try:
    o3.__class__ = Other
except TypeError as e:
    print(e)
class WithDict(Pair):
    __slots__ = ("__dict__",)
w = WithDict(); w.z = 1
print(sorted(w.__dict__.items()), w.a)
class Many:
    __slots__ = tuple(f"s{i}" for i in range(300))
class ManyOpen(Many):
    pass
m = ManyOpen()
for i in range(299, -1, -1):
    setattr(m, f"s{i}", i)
m.extra = "x"
m.more = "y"
print(sorted(m.__dict__.items()), m.s0, m.s299, sum(getattr(m, f"s{i}") for i in range(300)))
del m.s5
print(hasattr(m, "s5"), list(m.__dict__))
import copy, pickle
c = copy.copy(o3)
print(type(c).__name__, sorted(c.__dict__.items()))
