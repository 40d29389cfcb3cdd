# asyncio's task paths that the loop runs per step: task names, gather with and without
# return_exceptions over tasks, plain futures and duck-typed results, a task woken by a
# failed or cancelled future, done callbacks' order and context, exceptions raised through
# awaits with their tracebacks, callbacks that raise, wait_for timeouts, current_task.
import asyncio
import contextvars
import traceback

request = contextvars.ContextVar("request", default="-")


async def leaf(i):
    await asyncio.sleep(0)
    return i * i


async def fails(i):
    await asyncio.sleep(0)
    raise ValueError(f"leaf {i} failed")


async def deep(n):
    if n == 0:
        raise KeyError("bottom")
    return await deep(n - 1)


class Answer(asyncio.Future):
    """A Future subclass whose result() is its own: gather and the task use it."""

    def result(self):
        return ("answered", super().result())


async def names_and_current():
    t1 = asyncio.create_task(leaf(1))
    t2 = asyncio.create_task(leaf(2), name="second")
    t3 = asyncio.ensure_future(leaf(3))
    first = t1.get_name()
    print("names:", first.startswith("Task-"), t2.get_name(), t3.get_name().startswith("Task-"))
    print("numbers rise:", int(t3.get_name()[5:]) > int(first[5:]))
    t1.set_name(42)
    print("set_name:", repr(t1.get_name()), "in repr:", "name='42'" in repr(t1))
    print("results:", await t1, await t2, await t3)
    me = asyncio.current_task()
    print("current:", me is not None, me.get_coro().__name__, me.done())


async def gathers():
    print("gather:", await asyncio.gather(*[leaf(i) for i in range(6)]))
    loop = asyncio.get_running_loop()
    plain = loop.create_future()
    loop.call_soon(plain.set_result, "plain")
    sub = Answer()
    loop.call_soon(sub.set_result, 7)
    print("mixed:", await asyncio.gather(leaf(3), plain, sub))
    got = await asyncio.gather(leaf(1), fails(2), leaf(3), fails(4), return_exceptions=True)
    print("return_exceptions:", [type(g).__name__ + ":" + str(g) for g in got])
    try:
        await asyncio.gather(leaf(1), fails(5), leaf(2))
    except ValueError as e:
        print("first error:", e)
    sleeper = asyncio.ensure_future(asyncio.sleep(10))
    g = asyncio.gather(leaf(1), sleeper, return_exceptions=True)
    await asyncio.sleep(0)
    sleeper.cancel()
    print("cancelled child:", [type(x).__name__ for x in await g])
    empty = await asyncio.gather()
    print("empty gather:", empty)


async def wakeups():
    loop = asyncio.get_running_loop()
    failed = loop.create_future()
    loop.call_soon(failed.set_exception, OSError("disk"))
    try:
        await failed
    except OSError as e:
        print("woken by failure:", e)
    cancelled = loop.create_future()
    loop.call_soon(cancelled.cancel, "stop now")
    try:
        await cancelled
    except asyncio.CancelledError as e:
        print("woken by cancel:", e.args)
    sub = Answer()
    loop.call_soon(sub.set_result, 1)
    print("subclass result:", await sub)


async def tracebacks():
    try:
        await deep(3)
    except KeyError:
        names = [f.name for f in traceback.extract_tb(__import__("sys").exc_info()[2])]
        print("frames:", names)
    task = asyncio.ensure_future(deep(2))
    try:
        await task
    except KeyError as e:
        tb_names = [f.name for f in traceback.extract_tb(e.__traceback__)]
        print("through a task:", repr(e), tb_names.count("deep"))
    print("task exception:", repr(task.exception()))


async def callbacks():
    loop = asyncio.get_running_loop()
    order = []
    fut = loop.create_future()
    for i in range(4):
        fut.add_done_callback(lambda f, i=i: order.append((i, f.result())))
    ctx = contextvars.copy_context()
    ctx.run(request.set, "in ctx")
    fut.add_done_callback(lambda f: order.append(request.get()), context=ctx)
    print("removed:", fut.remove_done_callback(print))
    fut.set_result("r")
    await asyncio.sleep(0)
    print("order:", order)
    late = []
    fut.add_done_callback(lambda f: late.append("late"))
    await asyncio.sleep(0)
    print("added when done:", late)

    seen = []
    loop.set_exception_handler(lambda lp, c: seen.append((c["message"][:21], repr(c["exception"]))))
    loop.call_soon(lambda: 1 / 0)
    h = loop.call_soon(seen.append, "never")
    h.cancel()
    await asyncio.sleep(0)
    loop.set_exception_handler(None)
    print("callback errors:", seen)


async def contexts():
    request.set("main")

    async def child(tag):
        before = request.get()
        request.set(tag)
        await asyncio.sleep(0)
        return before, request.get()

    print("contexts:", await asyncio.gather(child("a"), child("b")), request.get())


async def cancels():
    started = asyncio.Event()

    async def victim():
        started.set()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("victim cancelled, cancelling():", asyncio.current_task().cancelling())
            raise

    t = asyncio.create_task(victim())
    await started.wait()
    print("cancel:", t.cancel("why"), t.cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiting it:", e.args, t.cancelled())
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    print("wait_for in time:", await asyncio.wait_for(leaf(9), 5))
    t = asyncio.create_task(leaf(4))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before its first step:", t.cancelled())


async def bad_awaits():
    @__import__("types").coroutine
    def yields_plain():
        yield 5

    try:
        await asyncio.create_task(yields_plain())
    except RuntimeError as e:
        print("bad yield:", str(e).split(":")[0])


async def main():
    await names_and_current()
    await gathers()
    await wakeups()
    await tracebacks()
    await callbacks()
    await contexts()
    await cancels()
    await bad_awaits()


asyncio.run(main())
try:
    asyncio.run(deep(1))
except KeyError as e:
    print("run raised:", repr(e))
