# match statements (PEP 634): every pattern kind, guards, captures, or-patterns, classes.
def describe(x):
    match x:
        case None:
            return "None"
        case True:
            return "True"
        case 0 | 1 | 2:
            return f"small {x}"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as number:
            return f"number {number!r}"
        case "hello" | "hi":
            return "greeting"
        case str(s):
            return f"str of {len(s)}"
        case []:
            return "empty sequence"
        case [only]:
            return f"one item {only!r}"
        case [first, *middle, last]:
            return f"first {first!r} last {last!r} middle {middle!r}"
        case {"type": "point", "x": px, "y": py}:
            return f"point dict ({px}, {py})"
        case {"type": kind, **rest}:
            return f"typed {kind} with {sorted(rest)}"
        case {}:
            return "some other mapping"
        case _:
            return f"something else: {type(x).__name__}"

for value in [None, True, False, 0, 2, -5, 7, 2.5, "hi", "world", [], (9,), [1, 2, 3, 4],
              range(2), {"type": "point", "x": 1, "y": 2}, {"type": "box", "w": 1, "h": 2},
              {"a": 1}, {1, 2}, b"xy", "x" * 3]:
    print(repr(value), "->", describe(value))

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

class Circle:
    def __init__(self, center, r):
        self.center, self.r = center, r

def where(shape):
    match shape:
        case Point(0, 0):
            return "origin"
        case Point(x, 0) | Point(0, x):
            return f"on an axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point(x, y):
            return f"point {x},{y}"
        case Circle(center=Point(x=0, y=0), r=r):
            return f"circle at origin r={r}"
        case Circle(r=r):
            return f"circle r={r}"
        case (Point() as a, Point() as b):
            return f"segment {a.x},{a.y}-{b.x},{b.y}"
        case _:
            return "unknown"

for s in [Point(0, 0), Point(3, 0), Point(0, 4), Point(5, 5), Point(1, 2),
          Circle(Point(0, 0), 3), Circle(Point(1, 1), 2), (Point(1, 2), Point(3, 4)), 42]:
    print(where(s))

def command(text):
    match text.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["pick", "up", *things] if things:
            return f"picking up {' and '.join(things)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "nothing"

for t in ["go north", "go up", "pick up lamp key", "pick up", "quit", "", "dance wildly"]:
    print(repr(t), "->", command(t))

# captures from the last matching case stay bound after the statement
match [1, [2, 3]]:
    case [a, [b, c]]:
        pass
print("bound:", a, b, c)

# nested in a loop: break and continue inside cases
found = []
for item in [1, "skip", 2, "stop", 3]:
    match item:
        case "skip":
            continue
        case "stop":
            break
        case n:
            found.append(n)
print("loop:", found)

try:
    match Point(1, 2):
        case Circle(1):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 5:
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("no TypeError for a class that does not match:", e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)
