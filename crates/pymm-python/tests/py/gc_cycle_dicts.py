# Cycles through dictionaries, and dictionaries mixed with lists.
import gc

gc.disable()
gc.collect()
d1 = {}
d2 = {"other": d1}
d1["other"] = d2
del d1, d2
print("two dicts:", gc.collect())

d = {}
d["me"] = d
print("self-referencing dict repr:", d)
del d
print("a dict containing itself:", gc.collect())

box = {"items": []}
box["items"].append(box)
del box
print("dict -> list -> dict:", gc.collect())

class Bag:
    pass

bag = Bag()
bag.index = {"bag": bag}
del bag
print("instance -> dict -> instance:", gc.collect())
gc.enable()
