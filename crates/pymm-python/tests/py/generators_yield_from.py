# yield from delegates to a sub-generator and returns its return value.
def inner():
    yield "a"
    yield "b"
    return "inner done"

def outer():
    result = yield from inner()
    yield "outer got " + result
    yield from range(3)
    yield from [10, 20]

print(list(outer()))

def echo():
    while True:
        received = yield
        if received == "stop":
            return "stopped"
        print("echo:", received)

def relay():
    final = yield from echo()
    print("relay saw:", final)
    yield "relay end"

r = relay()
next(r)
r.send("hello")
r.send("world")
print("last:", r.send("stop"))

def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item

print("flatten:", list(flatten([1, [2, [3, 4], 5], [[6]], 7])))
