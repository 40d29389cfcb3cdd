# Coroutines: CPython's syntax errors, runtime errors and the never-awaited warning.
import gc, types, warnings

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

for src in ["await x", "def f():\n    await x", "def f():\n    async with x: pass",
            "def f():\n    async for a in b: pass", "async def f():\n    yield from x",
            "async def f():\n    yield 1\n    return 2", "def f():\n    return [await x for y in z]"]:
    try:
        exec(src)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)

async def f():
    return 1

c = f()
print(repr(c).split(" at ")[0], c.cr_frame is not None, c.cr_code.co_name, c.cr_code.co_flags & 0x80)
try:
    next(c)
except TypeError as e:
    print(e)
try:
    iter(c)
except TypeError as e:
    print(e)
try:
    c.send(1)
except TypeError as e:
    print(e)
print(run(c), c.cr_frame)
try:
    c.send(None)
except RuntimeError as e:
    print(e)

async def reenter():
    await me
me = reenter()
try:
    me.send(None)
except ValueError as e:
    print("ValueError", e)

async def g():
    raise StopIteration
try:
    run(g())
except RuntimeError as e:
    print(e, type(e.__cause__).__name__)

class Bad:
    def __await__(self):
        return 5
async def h():
    await Bad()
try:
    run(h())
except TypeError as e:
    print(e)

async def twice():
    c = f()
    async def other():
        return await c
    o = other()
    return 1
print(run(twice()))

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f()
    gc.collect()
    for x in w:
        print(x.category.__name__, x.message)

