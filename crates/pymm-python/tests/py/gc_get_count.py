# gc.get_count(): container allocations minus deallocations since the last collection.
import gc

gc.disable()
gc.collect()
print("right after collect:", gc.get_count())
class Point:
    pass

keep = []
before = gc.get_count()[0]
i = 0
while i < 100:
    keep.append(Point())
    i += 1
grown = gc.get_count()[0] - before
print("100 new instances raise count 0 by about 100:", 100 <= grown <= 105)
keep.clear()
after_free = gc.get_count()[0]
print("freeing them lowers it again:", after_free < before + 10)
ints = [n for n in range(1000)]
print("ints are not containers, one list counted:", gc.get_count()[0] - after_free <= 3)
gc.collect()
print("collect resets generation counts:", gc.get_count()[0] <= 1)
print("count is a tuple of three:", type(gc.get_count()).__name__, len(gc.get_count()))
gc.enable()
