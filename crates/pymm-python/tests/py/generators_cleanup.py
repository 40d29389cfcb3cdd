# A generator's finally block runs when it is closed, exhausted, or dropped unfinished.
def resource(name):
    print("open", name)
    try:
        yield 1
        yield 2
    finally:
        print("close", name)

for v in resource("exhausted"):
    print("got", v)
g = resource("dropped")
print("first:", next(g))
del g
print("after dropping")
g = resource("closed")
next(g)
g.close()
print("after closing")
for v in resource("broken out of"):
    print("got", v, "then break")
    break
print("after break")

def gen_raises():
    yield 1
    raise ValueError("from the generator")

try:
    for v in gen_raises():
        print("value", v)
except ValueError as err:
    print("caught:", err)
