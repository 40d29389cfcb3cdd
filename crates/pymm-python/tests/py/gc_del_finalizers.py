# PEP 442: objects in an unreachable cycle have their __del__ run once, then are freed.
import gc

log = []

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        log.append("del " + self.name + " sees " + self.other.name)

gc.disable()
gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("before collect:", log)
print("collected:", gc.collect())
print("both finalizers ran, each seeing its intact peer:", sorted(log))
print("nothing uncollectable:", gc.garbage)
log.clear()
c = Node("c")
c.other = c
del c
gc.collect()
print("self cycle finalized:", log)
gc.enable()
