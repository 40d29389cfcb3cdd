# Weak references break would-be cycles: a parent holds children, children hold weak parents.
import gc
import weakref

class Parent:
    def __init__(self):
        self.children = []

    def __del__(self):
        print("parent freed")

class Child:
    def __init__(self, parent):
        self.parent = weakref.ref(parent)
        parent.children.append(self)

gc.disable()
gc.collect()
p = Parent()
kids = [Child(p) for _ in range(3)]
print("children see their parent:", all(k.parent() is p for k in kids))
del p
print("no cycle: freed by reference counting before any collection")
print("children now see None:", [k.parent() for k in kids])
print("nothing for the collector:", gc.collect())
gc.enable()
