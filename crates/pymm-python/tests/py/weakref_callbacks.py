# A weak reference's callback runs when the referent dies, with the ref as argument.
import gc
import weakref

events = []

class Thing:
    def __init__(self, name):
        self.name = name

def on_death(ref):
    events.append(("died", ref() is None))

t = Thing("t")
r = weakref.ref(t, on_death)
print("no event yet:", events)
del t
print("callback on refcount death:", events)
events.clear()

gc.disable()
a = Thing("a")
b = Thing("b")
a.b = b
b.a = a
ra = weakref.ref(a, on_death)
del a, b
print("cycle still alive:", ra() is not None, events)
gc.collect()
print("callback after collecting the cycle:", events)
events.clear()

c = Thing("c")
rc = weakref.ref(c, on_death)
del rc
del c
print("a dead weakref's callback never runs:", events)

names = []
d = Thing("d")
refs = [weakref.ref(d, lambda ref, i=i: names.append(i)) for i in range(3)]
del d
print("all callbacks ran, newest first:", names)
gc.enable()
