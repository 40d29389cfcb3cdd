# gc.get_stats(): per-generation collections, collected and uncollectable counters.
import gc

stats = gc.get_stats()
print("generations:", len(stats))
print("keys:", sorted(stats[0].keys()))

class Node:
    pass

gc.disable()
gc.collect()
before = gc.get_stats()
a = Node()
b = Node()
a.peer = b
b.peer = a
del a, b
found = gc.collect(0)
after = gc.get_stats()
print("collect(0) found:", found)
print("gen 0 collections +1:", after[0]["collections"] - before[0]["collections"])
print("gen 0 collected +2:", after[0]["collected"] - before[0]["collected"])
print("gen 2 unchanged:", after[2]["collections"] - before[2]["collections"])
gc.collect(1)
after1 = gc.get_stats()
print("collect(1) counts in gen 1:", after1[1]["collections"] - after[1]["collections"])
gc.collect()
after2 = gc.get_stats()
print("collect() counts in gen 2:", after2[2]["collections"] - after1[2]["collections"])
print("uncollectable stays 0:", after2[2]["uncollectable"] - before[2]["uncollectable"])
gc.enable()
