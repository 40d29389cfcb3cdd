# copy.copy and copy.deepcopy: shared and cyclic structure, __copy__/__deepcopy__, instances,
# slots, subclasses of built-in types.
import copy

nested = [1, [2, 3], {"k": [4]}]
shallow = copy.copy(nested)
deep = copy.deepcopy(nested)
print(shallow == nested, shallow is nested, shallow[1] is nested[1])
print(deep == nested, deep[1] is nested[1], deep[2]["k"] is nested[2]["k"])
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print("shared stays shared:", dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print("cycle:", dc[1] is dc, dc is not cyc)
t = (1, 2, "x")
print("atomic tuple:", copy.deepcopy(t) is t, copy.copy(t) is t)
t2 = (1, [2])
print("tuple with list:", copy.deepcopy(t2) is t2, copy.deepcopy(t2) == t2)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = ["a"]

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.tags})"


p = Point(1, 2)
q = copy.copy(p)
r = copy.deepcopy(p)
print(q, q is p, q.tags is p.tags, r.tags is p.tags)


class Custom:
    def __init__(self):
        self.log = []

    def __copy__(self):
        c = Custom()
        c.log = self.log + ["copied"]
        return c

    def __deepcopy__(self, memo):
        c = Custom()
        c.log = ["deep copied", len(memo) >= 0]
        return c


print(copy.copy(Custom()).log, copy.deepcopy(Custom()).log)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]
        self.b = 2


s = copy.deepcopy(Slotted())
print("slots:", s.a, s.b)


class MyList(list):
    pass


ml = MyList([1, [2]])
ml.extra = "attr"
mc = copy.deepcopy(ml)
print(type(mc).__name__, mc, mc.extra, mc[1] is ml[1])
print(copy.copy({1: 2}), copy.copy({3}), copy.deepcopy({"a": (1, [2])}))
print(copy.copy(len) is len, copy.deepcopy(Point) is Point)
