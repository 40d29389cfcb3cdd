# Two instances referring to each other survive del; gc.collect() finds both.
import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

gc.disable()
gc.collect()
a = Node("a")
b = Node("b")
a.next = b
b.next = a
print("cycle built:", a.next.next is a)
del a
del b
print("unreachable instances collected:", gc.collect())
print("nothing left to collect:", gc.collect())

ring = [Node(str(i)) for i in range(5)]
for i in range(5):
    ring[i].next = ring[(i + 1) % 5]
del ring
print("a ring of five:", gc.collect())

selfish = Node("self")
selfish.next = selfish
del selfish
print("a self loop:", gc.collect())
gc.enable()
