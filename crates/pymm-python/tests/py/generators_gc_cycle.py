# A suspended generator in a cycle: the collector closes it, so its finally block runs.
import gc

log = []

def worker(box):
    try:
        yield "working"
        yield "still working"
    finally:
        log.append("finally ran")

gc.disable()
gc.collect()
box = []
g = worker(box)
box.append(g)
print(next(g))
del g, box
print("the generator and its argument refer to each other; log:", log)
gc.collect()
print("after collect:", log)
print("nothing left:", gc.collect())
gc.enable()
