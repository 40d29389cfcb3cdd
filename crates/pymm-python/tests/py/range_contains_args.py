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
