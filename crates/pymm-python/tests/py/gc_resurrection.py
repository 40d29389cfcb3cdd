# A finalizer that stores self resurrects the object; __del__ never runs twice.
import gc

saved = []
calls = []

class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        calls.append(self.name)
        saved.append(self)

gc.disable()
gc.collect()
p = Phoenix("p")
q = Phoenix("q")
p.peer = q
q.peer = p
del p, q
gc.collect()
print("finalizers ran:", sorted(calls))
print("both resurrected:", sorted(o.name for o in saved))
print("peers still linked:", saved[0].peer.peer is saved[0])
print("is_finalized:", [gc.is_finalized(o) for o in saved])
saved.clear()
gc.collect()
print("not finalized again:", sorted(calls))
fresh = Phoenix("fresh")
print("fresh object not finalized:", gc.is_finalized(fresh))
del fresh
print("refcount drop resurrects too:", [o.name for o in saved], calls[-1])
last = saved.pop()
del last
print("second death, no second __del__:", calls.count("fresh"))
gc.enable()
