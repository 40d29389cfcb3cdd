# Loop variables and iterators hold references until rebound.
import sys

things = [[i] for i in range(3)]
first = things[0]
print("first, in list + name:", sys.getrefcount(first) - 1)
for item in things:
    pass
print("loop variable keeps the last item:", sys.getrefcount(things[2]) - 1)
del item
print("after del item:", sys.getrefcount(things[2]) - 1)
it = iter(things)
print("an iterator holds the list:", sys.getrefcount(things) - 1)
del it
print("iterator gone:", sys.getrefcount(things) - 1)
total = 0
for a, b in [(first, 1), (first, 2)]:
    total += b
print("unpacked name a keeps first:", sys.getrefcount(first) - 1)
a = None
print("after a = None:", sys.getrefcount(first) - 1)
print("total:", total)
