# A suspended generator holds its arguments and locals; finishing it releases them.
import sys

data = [1, 2, 3]
print("before:", sys.getrefcount(data) - 1)

def walk(items):
    for item in items:
        yield item

g = walk(data)
print("created, not started (the frame holds the argument):", sys.getrefcount(data) - 1)
next(g)
print("started (argument and the for-loop iterator):", sys.getrefcount(data) - 1 >= 2)
rest = list(g)
print("exhausted, frame released:", sys.getrefcount(data) - 1)
g2 = walk(data)
next(g2)
del g2
print("dropped while suspended:", sys.getrefcount(data) - 1)
gen_expr = (x for x in data)
print("a generator expression holds an iterator over the list:", sys.getrefcount(data) - 1)
del gen_expr
print("after del:", sys.getrefcount(data) - 1)
print("rest:", rest)
