# gc.get_objects(): tracked containers are listed; atoms such as ints and strs are not.
import gc

class Node:
    pass

def listed(obj, generation=None):
    objects = gc.get_objects() if generation is None else gc.get_objects(generation)
    return any(o is obj for o in objects)

gc.disable()
gc.collect()
fresh = [1, 2]
node = Node()
print("a new list is listed:", listed(fresh))
print("an instance is listed:", listed(node))
print("in generation 0:", listed(fresh, 0))
print("not yet in generation 2:", listed(fresh, 2))
gc.collect()
print("after a full collection, in generation 2:", listed(fresh, 2))
print("no longer in generation 0:", listed(fresh, 0))
big = 10 ** 30
text = "some text"
print("an int is not listed:", listed(big))
print("a str is not listed:", listed(text))
print("all listed objects are tracked:", all(gc.is_tracked(o) for o in gc.get_objects(0)))
try:
    gc.get_objects(3)
except ValueError as err:
    print("generation 3:", type(err).__name__)
gc.enable()
