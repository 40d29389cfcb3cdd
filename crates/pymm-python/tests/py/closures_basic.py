# Closures capture variables, not values; nonlocal and global rebind them.
def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print("adders:", add5(1), add10(1))

def counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    def peek():
        return count
    return increment, peek

inc, peek = counter()
inc()
inc()
print("shared cell:", peek(), inc(), peek())
inc2, peek2 = counter()
print("independent closures:", inc2(), peek())

total = 0
def add_to_total(x):
    global total
    total += x

add_to_total(5)
add_to_total(7)
print("global:", total)

def late():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]

print("captured variable, last value:", late())

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    x = "changed before the call"
    return middle()()

print("three levels:", outer())
try:
    def broken():
        print(value)
        value = 1
    broken()
except UnboundLocalError as err:
    print("UnboundLocalError:", err)
