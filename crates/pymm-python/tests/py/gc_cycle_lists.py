# Cycles made of lists, and lists that contain themselves.
import gc

gc.disable()
gc.collect()
l1 = []
l2 = [l1]
l1.append(l2)
del l1, l2
print("two lists:", gc.collect())

me = []
me.append(me)
print("self-containing list repr:", me)
del me
print("one list containing itself:", gc.collect())

chain = [[] for _ in range(10)]
for i in range(9):
    chain[i].append(chain[i + 1])
chain[9].append(chain[0])
del chain
print("a loop of ten lists:", gc.collect())

kept = []
kept.append(kept)
print("referenced cycle is kept:", gc.collect())
print("still there:", kept[0] is kept)
gc.enable()
