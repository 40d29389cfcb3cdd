# Instance __dict__: attributes live in it; vars() and __dict__ agree.
import gc

class Record:
    def __init__(self, **fields):
        for key, value in fields.items():
            setattr(self, key, value)

r = Record(a=1, b=[2])
print("__dict__:", r.__dict__)
print("vars:", vars(r) == r.__dict__)
r.__dict__["c"] = 3
print("written through __dict__:", r.c)
print("attribute order kept:", list(r.__dict__))
gc.disable()
gc.collect()
x = Record()
y = Record(peer=x)
x.peer = y
del x, y
print("two instances with materialised dicts collected, at least 2:", gc.collect() >= 2)
gc.enable()
