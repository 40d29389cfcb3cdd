# The built-in iterators pickle (__reduce__/__setstate__) at their position; iter(callable,
# sentinel); an exhausted __getitem__ iterator stays exhausted.
import pickle


def roundtrip(it):
    return list(pickle.loads(pickle.dumps(it)))


for seq in ([1, 2, 3], (1, 2, 3), "añb€c", b"xyz", bytearray(b"pq"), range(2, 20, 3),
            {"a": 1, "b": 2, "c": 3}, {5, 6, 7}):
    it = iter(seq)
    next(it)
    print(type(seq).__name__, roundtrip(it), it.__reduce__()[0].__name__)
d = {"k": 1, "j": 2}
print(roundtrip(iter(d.items())), roundtrip(iter(d.values())))
r = reversed([1, 2, 3, 4])
next(r)
print(r.__reduce__()[2], roundtrip(r))
print(roundtrip(map(abs, [-1, -2])), roundtrip(zip("ab", "cd")), roundtrip(filter(None, [0, 1, 2])))

exhausted = iter([1])
list(exhausted)
print(exhausted.__reduce__()[1], roundtrip(exhausted))
print(range(1, 9, 2).__reduce__(), pickle.loads(pickle.dumps(range(-3, 3))))

it = iter("hello")
it.__setstate__(3)
print(list(it))
it = iter([0, 1, 2, 3])
it.__setstate__(-5)
print(list(it))
it = iter(range(10))
it.__setstate__(7)
print(list(it))
it = reversed((1, 2, 3))
it.__setstate__(0)
print(list(it))


class Seq:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError
        return i


s = Seq(3)
it = iter(s)
print(list(it))
s.n = 5
print(list(it))   # stays exhausted
it = iter(Seq(10))
it.__setstate__(8)
print(list(it), pickle.loads(pickle.dumps(iter(Seq(2)))).__class__.__name__)

counter = iter([1, 2, 3, None, 4]).__next__
print(list(iter(counter, None)))


def stopper():
    raise StopIteration


print(list(iter(stopper, 0)))
for bad in [lambda: iter(1, 2), lambda: iter(len, 1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
ci = iter(iter([1, 2, 3]).__next__, 3)
print(next(ci), ci.__reduce__()[1][1])
