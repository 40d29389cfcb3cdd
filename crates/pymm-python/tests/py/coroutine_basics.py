# Coroutines: await on coroutines, __await__ objects and types.coroutine generators; throw
# and close through await; async with; async for over async generators.
import types

async def add(a, b):
    return a + b

async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    return y

c = main()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_running, c.cr_await)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)

class Aw:
    def __await__(self):
        v = yield "tick"
        return v * 2

async def useaw():
    r = await Aw()
    return r

c = useaw()
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("aw", e.value)

@types.coroutine
def sleep0():
    yield "sleep"

async def s():
    await sleep0()
    return "done"

c = s()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

async def bad():
    await 5
try:
    bad().send(None)
except TypeError as e:
    print(e)

# throw delegates
async def catcher():
    try:
        await Aw()
    except ValueError as e:
        return "caught " + str(e)
c = catcher()
c.send(None)
print(type(c.cr_await).__name__, c.cr_await.__qualname__)
try:
    c.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)

c = main()
c.close()
try:
    c.send(None)
except RuntimeError as e:
    print(e)

class CM:
    async def __aenter__(self):
        print("enter")
        await sleep0()
        return self
    async def __aexit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True

async def w():
    async with CM() as cm:
        print("body", type(cm).__name__)
        raise KeyError(1)
    print("after")
    return 1

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
print(run(w()))

async def agen(n):
    for i in range(n):
        await sleep0()
        yield i
    
async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    out2 = [v async for v in agen(4)]
    out3 = [v * 2 for v in out2 if v]
    return out, out2, out3
print(run(consume()))
print(type(agen(1)).__name__, agen.__name__)
g = agen(2)
print(type(g.__anext__()).__name__, type(g.aclose()).__name__)
