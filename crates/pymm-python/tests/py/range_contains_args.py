# range(): __index__ arguments and CPython's argument-count messages; `in` compares a
# non-int value with each item; __iter__ = None and __reversed__ = None refuse iteration.


class I:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(list(range(I(2), I(9), I(3))), range(10)[:I(5)])
for bad in [lambda: range(), lambda: range(1, 2, 3, 4), lambda: range(1.0),
            lambda: range(0, "x"), lambda: range(1, 2, 0)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class C3(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


r = range(10)
print(5.0 in r, 5.5 in r, True in r, 1 + 0j in r, "" in r, C3(11) in r, 2 ** 80 in r)
print(5.0 in range(0, 10, 2), 4.0 in range(0, 10, 2), 9.0 in range(9, -1, -2))


class NoIter:
    def __getitem__(self, i):
        return i

    __iter__ = None


class Blocked:
    def __getitem__(self, i):
        return 1

    def __len__(self):
        return 2

    __reversed__ = None


for f, arg in [(iter, NoIter()), (reversed, Blocked())]:
    try:
        f(arg)
    except TypeError as e:
        print("TypeError", e)

# equal ranges give the same items, and hash alike
rs = [range(0), range(0, -1), range(1, 1, 3), range(1), range(5, 6), range(5, 6, 2),
      range(5, 7, 2), range(2), range(0, 4, 2), range(0, 5, 2), range(0, 6, 2)]
print([a == b for a in rs for b in rs] == [tuple(a) == tuple(b) for a in rs for b in rs])
print(all(hash(a) == hash(b) for a in rs for b in rs if a == b), range(0) == (), len({range(0), range(3, 3)}))
print(hash(range(5, 6)) == hash(range(5, 6, 7)), hash(range(3)) == hash(range(0, 3)))
