# {a, *b}: starred items in a set display, in order, any iterable, errors as CPython.
a = [3, 1]
print(sorted({0, *a, 5, *"xy"} - {"x"}, key=str))
print({*()}, {*range(3)}, {1, *[1, 2], *{2: 0, 7: 0}})
try:
    {*1}
except TypeError as e:
    print(e)
