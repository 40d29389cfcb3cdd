# Containers hold references: putting an object into lists, tuples and dicts counts.
import sys

item = ["payload"]
print("alone:", sys.getrefcount(item) - 1)
holder = [item, item]
print("in a list twice:", sys.getrefcount(item) - 1)
pair = (item, 0)
print("also in a tuple:", sys.getrefcount(item) - 1)
table = {"k": item}
print("also as a dict value:", sys.getrefcount(item) - 1)
holder.pop()
print("after pop:", sys.getrefcount(item) - 1)
holder.clear()
print("after clear:", sys.getrefcount(item) - 1)
del pair
print("after del pair:", sys.getrefcount(item) - 1)
table["k"] = None
print("after replacing the dict value:", sys.getrefcount(item) - 1)
table[0] = item
table[1] = item
print("two dict values:", sys.getrefcount(item) - 1)
del table
print("after del table:", sys.getrefcount(item) - 1)
