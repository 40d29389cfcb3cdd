# send() resumes with a value; close() raises GeneratorExit inside; finally blocks run.
def accumulator():
    total = 0
    try:
        while True:
            value = yield total
            if value is None:
                break
            total += value
    finally:
        print("finally ran, total", total)
    yield "after loop"

acc = accumulator()
print("primed:", acc.send(None))
print("send 5:", acc.send(5))
print("send 10:", acc.send(10))
print("send None ends the loop:", acc.send(None))

g = accumulator()
next(g)
g.send(1)
print("closing")
g.close()
print("closed; next gives StopIteration:", next(g, "stopped"))

def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("saw GeneratorExit")
        raise

c = catcher()
next(c)
c.close()

try:
    fresh = accumulator()
    fresh.send(3)
except TypeError as err:
    print("TypeError:", err)

def thrower():
    try:
        yield 1
    except ValueError as err:
        yield "caught " + str(err)

t = thrower()
next(t)
print("throw:", t.throw(ValueError("inside")))
