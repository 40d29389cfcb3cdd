# Slice assignment of the same length (stored in place), slices and `+` of lists: aliasing,
# tuples and other iterables as the value, the order in which dying items are finalized.


def move_to_front(l, c):
    l[:] = l[c:c + 1] + l[0:c] + l[c + 1:]


l = list(range(10))
for c in (3, 0, 9, 5, 5, 1):
    move_to_front(l, c)
    print(l)

# the value is the list itself, or a slice of it
l = [1, 2, 3, 4]
l[:] = l
print(l)
l[1:3] = l[2:4]
print(l)
l[0:2] = l[2:4]
print(l)
l = [1, 2, 3]
l[0:1] = [l]
print(len(l), l[0] is l, l[1:])

# a tuple, a str, a range, a generator and a dict as the value
l = [0, 0, 0, 0]
l[1:3] = (7, 8)
print(l)
l[0:2] = "ab"
print(l)
l[2:4] = range(2)
print(l)
l[1:3] = (x * 10 for x in (4, 5))
print(l)
l[0:2] = {"k": 1, "m": 2}
print(l)
# negative and clipped bounds, an empty run, a run past the end
l = list(range(6))
l[-3:-1] = ["x", "y"]
print(l)
l[4:100] = [40, 50]
print(l)
l[3:3] = []
print(l)
l[10:20] = []
print(l)
# a different length still resizes
l[1:3] = [None]
print(l)
l[1:2] = [1, 2, 3]
print(l)
# extended slices keep their own rules
l = list(range(8))
l[::2] = "abcd"
print(l)
try:
    l[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    l[0:2] = 5
except TypeError as e:
    print("TypeError", e)

# items whose last handle the assignment drops are finalized after it, last first; items
# still held elsewhere are not
order = []


class Noisy:
    def __init__(self, name, seen=None):
        self.name = name
        self.seen = seen

    def __del__(self):
        # the list is complete when a finalizer looks at it
        order.append((self.name, None if self.seen is None else len(self.seen)))

    def __repr__(self):
        return self.name


box = []
box[:] = [Noisy("a", box), Noisy("b", box), Noisy("c", box)]
kept = box[1]
box[:] = [1, 2, 3]
print(order, box)
del kept
print(order)
order.clear()
box[:] = (Noisy("d"), Noisy("e"))
box[0:2] = [Noisy("f"), Noisy("g")]
print(order, box)
box[:] = box[1:] + box[:1]
print(order, box)
box[:] = []
print(order)

# a finalizer that changes the list it was removed from
victims = []


class Grower:
    def __del__(self):
        victims.append(len(victims))


victims[:] = [Grower(), Grower()]
victims[:] = [10, 20]
print(victims)

# concatenation and slices copy the handles once
a = [object() for _ in range(3)]
b = a[1:] + a[:1]
print(b[0] is a[1], b[2] is a[0], len(a + a), (a + [])[0] is a[0], a[5:] + a[:0])
big = list(range(1000))
for c in (999, 0, 500):
    move_to_front(big, c)
print(big[:4], big[-3:], sum(big), len(big))
