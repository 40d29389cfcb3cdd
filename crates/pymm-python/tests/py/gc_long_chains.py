# Freeing very long chains must not overflow the stack (CPython's trashcan).
import gc

class Link:
    __slots__ = ("next",)

    def __init__(self, nxt):
        self.next = nxt

head = None
for _ in range(200000):
    head = Link(head)
print("built a chain of 200000 links")
del head
print("freed it by reference counting")

nested = []
for _ in range(100000):
    nested = [nested]
print("built 100000 nested lists")
nested = None
print("freed them")

d = {}
for _ in range(50000):
    d = {"inner": d}
d = None
print("freed 50000 nested dicts")

gc.disable()
ring = Link(None)
tail = ring
for _ in range(50000):
    tail = Link(tail)
ring.next = tail
del ring, tail
print("a cycle of 50001 links collected:", gc.collect())
gc.enable()
