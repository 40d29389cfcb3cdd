# Seed 3.1: the reference counting program, counts 1, 2, 1.
import sys

x = [1, 2, 3]
print(sys.getrefcount(x) - 1)  # 1: x refers to the list
y = x
print(sys.getrefcount(x) - 1)  # 2: x and y refer to it
del y
print(sys.getrefcount(x) - 1)  # 1: only x is left
del x
print("x deleted: the list's count reached 0 and it was freed")
