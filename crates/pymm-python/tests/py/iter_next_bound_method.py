# A class whose __next__ is another object's bound method (as ElementTree's iterparse makes
# its iterator): next() and for call it without binding it to the instance.
import collections.abc


def gen():
    yield 1
    yield 2
    yield 3


class It(collections.abc.Iterator):
    __next__ = gen().__next__


it = It()
print(next(it), list(it), next(it, "end"))
for x in It():
    print("never", x)


class Counter:
    def __iter__(self):
        return self

    __next__ = iter([10, 20]).__next__


print(list(Counter()))
try:
    next(It())
except StopIteration:
    print("StopIteration")
