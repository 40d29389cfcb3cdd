# A suspended generator holds its frame and locals; a cycle through it is collected.
import gc

class Marker:
    def __init__(self, log):
        self.log = log

    def __del__(self):
        self.log.append("marker freed")

log = []

def gen(log):
    m = Marker(log)
    yield 1
    yield 2

gc.disable()
gc.collect()
g = gen(log)
print("first value:", next(g))
print("locals alive while suspended:", log)
del g
print("dropping the suspended generator frees its locals:", log)
log.clear()

def selfish(log):
    m = Marker(log)
    me = yield "started"
    yield "got " + str(me is not None)

g = selfish(log)
print(next(g))
print(g.send(g))
del g
print("generator frame holds the generator: a cycle, still alive:", log)
gc.collect()
print("after collect:", log)
gc.enable()
