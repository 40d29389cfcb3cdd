# Names share one list; augmented assignment mutates; copies do not share.
a = [1, 2, 3]
b = a
b.append(4)
print("alias sees the change:", a, a is b)
c = a[:]
c.append(5)
print("slice copy does not:", a, c, a is c)
a += [6]
print("+= mutates in place:", b)
a = a + [7]
print("+ makes a new list:", a, b, a is b)
grid = [[0] * 2] * 2
grid[0][0] = 1
print("repeated inner list is shared:", grid)
grid = [[0] * 2 for _ in range(2)]
grid[0][0] = 1
print("comprehension makes fresh rows:", grid)

def append_to(target, value):
    target.append(value)

shared = []
append_to(shared, "x")
print("functions mutate the caller's list:", shared)

def default_trap(value, bucket=[]):
    bucket.append(value)
    return bucket

print("mutable default persists:", default_trap(1), default_trap(2))
t = ([1], 2)
t[0].append(3)
print("a tuple's list can change:", t)
