import asyncio, types

async def agen(n):
    for i in range(n):
        yield i

class Counter:
    def __init__(self, n): self.i, self.n = 0, n
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def main():
    g = agen(2)
    print(await anext(g), await anext(g), await anext(g, "end"))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    c = aiter(Counter(2))
    print(type(c).__name__, await anext(c), await anext(c), await anext(c, None))
    for bad in (1, [1], Counter):
        for f in (aiter, anext):
            try:
                f(bad)
            except TypeError as e:
                print(f.__name__, "TypeError:", e)
    class BadIter:
        def __aiter__(self): return 5
    try:
        aiter(BadIter())
    except TypeError as e:
        print("TypeError:", e)
    try:
        anext()
    except TypeError as e:
        print("TypeError:", e)
    async def boom():
        raise ValueError("x")
        yield
    try:
        await anext(boom(), 0)
    except ValueError as e:
        print("ValueError", e)
    print([x async for x in aiter(agen(3))])

asyncio.run(main())
m = types.ModuleType("mymod")
print(m.__name__, m.__doc__, m.__package__, m.__spec__, repr(m)[:15])
m = types.ModuleType("mymod", doc="D")
print(m.__doc__)
m.x = 3
print(m.x, sorted(k for k in vars(m)))
for args in ((), (3,)):
    try:
        types.ModuleType(*args)
    except TypeError as e:
        print("TypeError:", e)
for call in (lambda: anext(1, 2, 3), lambda: anext(x=1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
