"""Keeps N objects of one kind alive in a list: `objects.py KIND N [--heap-stats]`.

The `objects` suite runs it under python3 and under `pymm run`, once with N objects and once
with none, and divides the difference of the peak resident memory by N: what one object of
the kind costs a program, its slot in the list included (and the int `i` it holds, for the
kinds built from one). With `--heap-stats` it prints the allocator's statistics
(`sys._debugmallocstats()`) while the objects are still alive.
"""
import sys


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b


class Node:
    pass


def closure(i):
    def value():
        return i

    return value


def self_cycle(i):
    node = Node()
    node.me = node
    return node


def generator(i):
    yield i


KINDS = {
    "slots_instance": lambda i: Slotted(i, None),
    "instance": lambda i: Plain(i, None),
    "set_1": lambda i: {i},
    "dict_1": lambda i: {"k": i},
    "list_1": lambda i: [i],
    "tuple_2": lambda i: (i, None),
    "str": lambda i: str(i),
    "float": lambda i: float(i),
    "int": lambda i: i,
    "closure": closure,
    "self_cycle": self_cycle,
    "generator": generator,
}

# Past CPython's small-int cache: every object gets an int of its own, one 30-bit digit.
FIRST = 10**6


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in KINDS:
        sys.exit("usage: objects.py KIND N [--heap-stats]; kinds: " + " ".join(KINDS))
    make = KINDS[sys.argv[1]]
    count = int(sys.argv[2])
    kept = [make(FIRST + i) for i in range(count)]
    if "--heap-stats" in sys.argv[3:]:
        sys._debugmallocstats()
    return kept


main()
