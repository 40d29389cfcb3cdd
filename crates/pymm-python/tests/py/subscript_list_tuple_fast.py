# The eval loop reads `seq[i]` of a list or tuple and writes `lst[i] = v` itself when i is an
# int in range; every other index, and subclasses, go the general way with CPython's errors.


def reads(seq, keys):
    out = []
    for k in keys:
        try:
            out.append(seq[k])
        except (IndexError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


def writes(lst, keys):
    out = []
    for n, k in enumerate(keys):
        try:
            lst[k] = n * 10
            out.append(list(lst))
        except (IndexError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


keys = [0, 1, 2, -1, -3, 3, -4, 2**63, -(2**63), 2**70, True, False, 1.0, "1", None,
        slice(1, None)]
for _ in range(3):
    print(reads([10, 20, 30], keys))
    print(reads((10, 20, 30), keys))
    print(reads([], [0, -1]))
    print(writes([1, 2, 3], keys[:-1]))


class MyList(list):
    def __getitem__(self, i):
        return ("MyList", i)

    def __setitem__(self, i, v):
        print("MyList set", i, v)


class MyTuple(tuple):
    def __getitem__(self, i):
        return ("MyTuple", i)


for _ in range(2):
    m = MyList([1, 2])
    print(m[0], MyTuple((1, 2))[1])
    m[0] = 5


# augmented assignment to an item: the item read, the operation, the item written back
v = [1.5, 2.5, 3.5]
for i in range(3):
    v[i] += 1
    v[-1] *= 2
print(v)
grid = [[0] * 3 for _ in range(3)]
for i in range(3):
    for j in range(3):
        grid[i][j] += i * j
        grid[-1][-1] -= 1
print(grid)


# an item replaced drops the old value after the list is updated
class Noisy:
    def __init__(self, name, lst):
        self.name, self.lst = name, lst

    def __del__(self):
        print("del", self.name, "sees", [getattr(x, "name", x) for x in self.lst])


lst = [0, 1]
lst[0] = Noisy("a", lst)
lst[0] = "replaced"
print(lst)


# a key function writing into the list being sorted
def key(x):
    try:
        data[0] = 99
    except Exception as e:
        print(type(e).__name__)
    return x


data = [3, 1, 2]
try:
    data.sort(key=key)
except ValueError as e:
    print("ValueError", e)
print(sorted(data))
