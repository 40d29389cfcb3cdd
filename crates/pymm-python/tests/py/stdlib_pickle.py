# pickle (CPython's pure-Python pickle.py): dumps gives CPython's bytes for every protocol, and
# loads reads them back: builtin values, nested and shared structure, instances (with
# __reduce__, __getstate__/__setstate__, slots), classes and functions by name, errors.
import datetime
import io
import pickle


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = [2]


class Custom:
    def __init__(self, value):
        self.value = value

    def __reduce__(self):
        return (Custom, (self.value * 2,))


class Stateful:
    def __init__(self):
        self.secret = "s"
        self.cache = [1, 2]

    def __getstate__(self):
        return {"secret": self.secret}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.cache = "rebuilt"


class Items(list):
    pass


def top_level():
    return 42


shared = [1, 2]
values = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31, 2**63, -2**100,
    0.0, -1.5, 1e300, float("inf"), "", "abc", "caf\xe9 \u20ac \U0001f600", "a\\b\nc",
    b"", b"\x00\xff", bytearray(b"ba"), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, [2]],
    {}, {"k": [1], 2: "v"}, set(), {1, 2}, frozenset({3}), [shared, shared], datetime.date(2020, 1, 2),
    Point(1, "two"), top_level, Point, len, complex(1, 2),
]
for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    for value in values:
        data = pickle.dumps(value, protocol)
        back = pickle.loads(data)
        same = back == value or (value != value and back != back)
        print(protocol, type(value).__name__, data.hex() if len(data) < 60 else len(data), same)
    back = pickle.loads(pickle.dumps([shared, shared], protocol))
    print("shared stays shared:", back[0] is back[1])
    if protocol >= 2:
        items = pickle.loads(pickle.dumps(Items([1, 2]), protocol))
        print("list subclass:", type(items).__name__, items)
        s = pickle.loads(pickle.dumps(Slotted(), protocol))
        print("slots:", s.a, s.b)
    print("__reduce__:", pickle.loads(pickle.dumps(Custom(4), protocol)).value)
    st = pickle.loads(pickle.dumps(Stateful(), protocol))
    print("getstate/setstate:", st.secret, st.cache)
cyclic = []
cyclic.append(cyclic)
back = pickle.loads(pickle.dumps(cyclic, 2))
print("cycle:", back[0] is back)
buffer = io.BytesIO()
pickle.dump({"file": 1}, buffer)
buffer.seek(0)
print("dump/load a file:", pickle.load(buffer))
print("highest:", pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
# the errors of the pure-Python pickler and unpickler (CPython's C ones word some differently)
for bad in (lambda: pickle._dumps(lambda: 0), lambda: pickle._loads(b"\x80\x05X"),
            lambda: pickle._loads(b""), lambda: pickle._dumps(1, 9)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", str(e).split(" at 0x")[0])
