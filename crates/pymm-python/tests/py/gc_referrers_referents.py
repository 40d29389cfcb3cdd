# gc.get_referrers / gc.get_referents: who points to whom.
import gc

class Node:
    pass

def contains(objects, target):
    return any(o is target for o in objects)

target = ["target"]
holder = [target]
owner = Node()
owner.attr = target
table = {"key": target}

referrers = gc.get_referrers(target)
print("the list holding it refers to it:", contains(referrers, holder))
print("the dict holding it refers to it:", contains(referrers, table))
stranger = ["target"]
print("an unrelated list does not:", contains(gc.get_referrers(stranger), holder))

a = ["a"]
b = ["b"]
pair = [a, b]
referents = gc.get_referents(pair)
print("a list's referents are its items:", contains(referents, a), contains(referents, b))
print("count of referents:", len(referents))
d = {"k": a}
print("a dict refers to its value:", contains(gc.get_referents(d), a))
t = (a, b)
print("a tuple refers to its items:", contains(gc.get_referents(t), a))
print("an instance refers to its attribute value:", contains(gc.get_referents(owner), target))
print("ints have no referents:", gc.get_referents(12345))
print("several at once:", len(gc.get_referents(pair, t)))
