# Thresholds: defaults, setting them, and an automatic collection they trigger.
import gc

print("default thresholds:", gc.get_threshold())
gc.set_threshold(50, 5, 5)
print("after set_threshold(50, 5, 5):", gc.get_threshold())
gc.set_threshold(100)
print("set_threshold(100) keeps the others:", gc.get_threshold())

class Node:
    pass

gc.collect()
gc.enable()
start = gc.get_stats()[0]["collections"]
i = 0
while i < 1000:
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    i += 1
del a, b
ran = gc.get_stats()[0]["collections"] - start
print("automatic young collections ran:", ran > 0)
print("not more than one per 100 allocations:", ran <= 20)
print("cycles were collected automatically:", gc.get_stats()[0]["collected"] > 0)
gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())
gc.disable()
start = gc.get_stats()[0]["collections"]
keep = [Node() for _ in range(2000)]
print("disabled: no automatic collection:", gc.get_stats()[0]["collections"] == start)
print("isenabled:", gc.isenabled())
gc.enable()
print("isenabled again:", gc.isenabled())
