# Async generators: __anext__, asend, athrow, aclose, async comprehensions, errors of the
# async protocols.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

# async generator athrow / aclose
async def ag():
    try:
        yield 1
        yield 2
    except ValueError:
        yield "handled"
    finally:
        print("ag finally")

async def drive():
    a = ag()
    print(await a.__anext__())
    print(await a.athrow(ValueError))
    await a.aclose()
    try:
        await a.__anext__()
    except StopAsyncIteration:
        print("stop")
    a2 = ag()
    print(await a2.asend(None))
    await a2.aclose()
    async def empty():
        return
        yield
    try:
        await empty().__anext__()
    except StopAsyncIteration:
        print("empty stop")
    print({k: v async for k, v in pairs()}, {v async for k, v in pairs()})
    print([x async for x in ag() if x != 2])
    async for x in ag():
        if x == 1:
            break
    return "ok"

async def pairs():
    yield "a", 1
    yield "b", 2

print(run(drive()))
try:
    class NoAiter: pass
    async def nf():
        async for x in NoAiter(): pass
    run(nf())
except TypeError as e:
    print(e)
try:
    async def nw():
        async with NoAiter(): pass
    run(nw())
except TypeError as e:
    print(e)
gen_await = (x async for x in pairs())
print(type(gen_await).__name__)
