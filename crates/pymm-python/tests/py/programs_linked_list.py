# A doubly linked list of instances: every node is in a cycle with its neighbours.
import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None

class DList:
    def __init__(self):
        self.head = None
        self.tail = None
        self.size = 0

    def append(self, value):
        node = Node(value)
        if self.tail is None:
            self.head = node
        else:
            self.tail.next = node
            node.prev = self.tail
        self.tail = node
        self.size += 1

    def values(self):
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def backwards(self):
        node = self.tail
        while node is not None:
            yield node.value
            node = node.prev

gc.disable()
gc.collect()
lst = DList()
for v in range(10):
    lst.append(v * v)
print("forward:", list(lst.values()))
print("backward:", list(lst.backwards()))
print("size:", lst.size)
del lst
# the DList itself is freed by reference counting; its ten nodes form cycles
print("collected:", gc.collect())
gc.enable()
