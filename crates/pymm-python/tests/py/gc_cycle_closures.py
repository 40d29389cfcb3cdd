# A recursive inner function refers to itself through its closure cell.
import gc

gc.disable()
gc.collect()

def outer():
    def inner(n):
        return 0 if n == 0 else 1 + inner(n - 1)
    return inner

f = outer()
print("inner works:", f(5))
del f
# the function, its closure tuple and the cell form the cycle
print("function + closure tuple + cell:", gc.collect())

def counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step

s = counter()
print("steps:", s(), s(), s())
del s
print("a closure without a cycle needs no collection:", gc.collect())
gc.enable()
