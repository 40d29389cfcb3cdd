# The accelerated pickle (`_pickle`): the exact bytes of pickle.dumps(x, p) for p in 0..5
# over many kinds of objects, round trips, shared and recursive structures, the reduce
# protocol and its hooks, files, and the errors with CPython's classes and messages.
import copyreg
import datetime
import io
import pickle
import sys

print(pickle.Pickler.__module__, pickle.Unpickler.__module__, pickle.PicklingError.__module__)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = "two"

    def __repr__(self):
        return "Slotted(%r, %r)" % (self.a, self.b)


class WithState:
    def __init__(self, v):
        self.v = v

    def __getstate__(self):
        return {"v": self.v, "extra": 1}

    def __setstate__(self, state):
        self.v = state["v"] * 10

    def __repr__(self):
        return "WithState(%r)" % self.v


class NewArgsEx:
    def __new__(cls, a, *, b):
        self = super().__new__(cls)
        self.a, self.b = a, b
        return self

    def __getnewargs_ex__(self):
        return (self.a,), {"b": self.b}

    def __repr__(self):
        return "NewArgsEx(%r, b=%r)" % (self.a, self.b)


class ByName:
    def __reduce__(self):
        return "BY_NAME"


BY_NAME = ByName()


class MyList(list):
    pass


class MyDict(dict):
    pass


def show(label, obj, protocols=range(6)):
    for p in protocols:
        try:
            data = pickle.dumps(obj, p)
        except Exception as e:
            print(label, p, type(e).__name__, e)
            continue
        back = pickle.loads(data)
        text = repr(back)
        if " at 0x" in text:
            text = type(back).__name__
        print(label, p, len(data), data.hex()[:160], text[:80])


kinds = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31 - 1, 2**31, 2**63,
    -2**63 - 1, 10**30, -10**30, 1.5, -0.0, float("inf"), 1e300, "", "abc",
    "é\u1234\U0001f600\\\n\r\x1a\0", b"", b"xyz", bytes(range(256)), bytearray(b"ab"),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1], [1, 2], {}, {1: 2},
    {"a": 1, "b": [1, 2]}, set(), {1, 2}, frozenset(), frozenset({3}), complex(3, 4),
    datetime.date(1980, 5, 7), datetime.datetime(2020, 1, 2, 3, 4, 5), Point(1, [2]),
    [Point(1, 2), Point(3, 4)], Slotted(), WithState(4), BY_NAME,
    MyList([1, 2]), MyDict(a=1), str, len, type(None), Ellipsis, NotImplemented, Point,
    datetime.date,
]
for i, obj in enumerate(kinds):
    show("kind%d" % i, obj)

# functools.partial (which __newobj_ex__ needs below protocol 4) pickles otherwise in pymm
show("newargs_ex", NewArgsEx(1, b=2), (4, 5))

# batches: exactly and just over the 1000 items of a MARK ... APPENDS/SETITEMS
for n in (999, 1000, 1001, 2000):
    for p in (0, 1, 2, 4):
        for obj in (list(range(n)), {i: None for i in range(n)}):
            data = pickle.dumps(obj, p)
            assert pickle.loads(data) == obj
            print("batch", n, p, type(obj).__name__, len(data), data[-40:].hex())

# frames: big payloads go outside a frame, the rest in frames of about 64 KiB
big = ["x" * 70000, b"y" * 70000, [b"z" * 30000, "w" * 40000, 5], list(range(40000))]
for obj in big:
    for p in (3, 4, 5):
        data = pickle.dumps(obj, p)
        assert pickle.loads(data) == obj
        print("big", p, len(data), data[:24].hex(), data[-24:].hex())

# shared and recursive structures
s = "shared"
shared = [s, s, (s,), (s,)]
t = (1, 2)
show("shared", shared)
show("shared_tuple", [t, t, [t]])
a = [1]
a.append(a)
d = {}
d["self"] = d
rt = ([],)
rt[0].append(rt)
for p in range(6):
    back = pickle.loads(pickle.dumps(a, p))
    print("rec list", p, back[1] is back, pickle.dumps(a, p).hex())
    back = pickle.loads(pickle.dumps(d, p))
    print("rec dict", p, back["self"] is back, pickle.dumps(d, p).hex())
    back = pickle.loads(pickle.dumps(rt, p))
    print("rec tuple", p, back[0][0] is back, pickle.dumps(rt, p).hex())

# files, picklers reused, memo kept between dumps
f = io.BytesIO()
pk = pickle.Pickler(f, 2)
pk.dump(s)
pk.dump([s, s])
pk.clear_memo()
pk.dump(s)
print("file", f.getvalue().hex())
f.seek(0)
up = pickle.Unpickler(f)
print("loads", up.load(), up.load(), up.load(), f.tell())
f = io.BytesIO()
pickle.dump({"k": 1}, f, 4)
pickle.dump([2], f, 0)
f.seek(0)
print("two", pickle.load(f), pickle.load(f))
fast = pickle.Pickler(io.BytesIO(), 2)
fast.fast = True
fast.dump([s, s])
print("fast", len(fast.memo.copy()))


# persistent ids
class PidPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Point):
            return "pt%d" % obj.x
        return None


class PidUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return "loaded " + pid


for p in range(6):
    f = io.BytesIO()
    PidPickler(f, p).dump([Point(7, 8), 1])
    print("pid", p, f.getvalue().hex())
    f.seek(0)
    print("pid load", PidUnpickler(f).load())


# dispatch_table, reducer_override, find_class
class TablePickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Point] = lambda p: (Point, (p.y, p.x))


f = io.BytesIO()
TablePickler(f, 3).dump(Point(1, 2))
print("table", f.getvalue().hex(), pickle.loads(f.getvalue()))


class OverridePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, Point):
            return (complex, (obj.x, obj.y))
        return NotImplemented


f = io.BytesIO()
OverridePickler(f, 4).dump([Point(1, 2), 3])
print("override", f.getvalue().hex(), pickle.loads(f.getvalue()))


class Found:
    def __repr__(self):
        return "Found(%r)" % sorted(self.__dict__.items())


class Finder(pickle.Unpickler):
    def find_class(self, module, name):
        if name == "Point":
            return Found
        return super().find_class(module, name)


data = pickle.dumps(Point(5, 6), 1)
print("find_class data", data.hex())
print("find_class", Finder(io.BytesIO(data)).load())

# errors
for bad in (lambda: 0, Point.__eq__):
    try:
        pickle.dumps(bad)
    except Exception as e:
        print("error", type(e).__name__, str(e).split(" at 0x")[0])


def local():
    class Local:
        pass
    return Local


for p in (0, 2, 4):
    try:
        pickle.dumps(local(), p)
    except (pickle.PicklingError, AttributeError) as e:
        print("local", p, type(e).__name__, e)
for data in (b"", b"\x80\x04", b"\x80\x04\x95", b"K", b"Kx", b"]q\x00(K\x01", b"\xff",
             b"x.", b"h\x05.", b"0.", b"(1.", b"\x80\x09N."):
    try:
        print("loaded", pickle.loads(data))
    except Exception as e:
        print("loads error", data, type(e).__name__, e)
try:
    pickle.dumps(1, 6)
except ValueError as e:
    print("protocol", e)
try:
    pickle.loads("text")
except TypeError as e:
    print("text", e)
deep = []
for _ in range(10000):
    deep = [deep]
try:
    pickle.dumps(deep)
except RecursionError as e:
    print("deep", type(e).__name__)
print(sys.getrecursionlimit() > 0)
