# What async generators yield reaches `async for`, `await agen.asend()` and `anext()` as it
# is, whatever the value (None, tuples, exceptions, StopIteration objects), through nested
# generators and through awaits of the event loop inside them.
import asyncio


async def values():
    yield None
    yield (1, 2)
    yield ()
    yield StopIteration(7)
    yield ValueError("as a value")
    await asyncio.sleep(0)
    yield [None]


async def nested(depth):
    if depth == 0:
        async for v in values():
            yield v
        return
    async for v in nested(depth - 1):
        yield v


async def echo():
    received = None
    while True:
        received = yield ("got", received)


async def main():
    print([repr(v) for v in [v async for v in nested(5)]])
    gen = echo()
    print(await gen.asend(None), await gen.asend(3), await gen.asend((None,)))
    print(await gen.__anext__())
    await gen.aclose()
    try:
        await gen.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    agen = values()
    it = agen.__anext__()
    try:
        it.send(None)
    except StopIteration as stop:
        print("send ends with", stop.args, stop.value)
    it = agen.__anext__()
    try:
        it.send(None)
    except StopIteration as stop:
        print("send ends with", stop.args, stop.value)
    await agen.aclose()


asyncio.run(main())
