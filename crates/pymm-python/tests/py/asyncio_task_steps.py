# What a task's step does with what its coroutine yields, returns or raises: bad yields
# (a bare value, a generator, the task itself, a future of another loop, a future yielded
# without `await`) thrown back in as RuntimeErrors, cancellation while waiting and at the
# return, the frames a task's exception carries (none of the loop's own, as with CPython's
# C Task), the current task inside and outside steps.
import asyncio
import re
import traceback
import types


@types.coroutine
def yield_value(value):
    yield value


async def bad_yield(value):
    try:
        await yield_value(value)
    except RuntimeError as e:
        # the reprs of the task and the future left out
        return re.sub(r"<.*>", "<...>", str(e))


def gen():
    yield 1


async def leaf():
    raise ValueError("deep")


async def middle():
    await leaf()


async def main():
    loop = asyncio.get_running_loop()
    print("bad yield:", await asyncio.create_task(bad_yield(42)))
    print("generator:", await asyncio.create_task(bad_yield(gen())))
    other = asyncio.new_event_loop()
    print("other loop:", await asyncio.create_task(bad_yield(other.create_future())))
    other.close()
    f = loop.create_future()
    print("no await:", await asyncio.create_task(bad_yield(f)))

    async def self_await():
        await asyncio.sleep(0)
        try:
            await task
        except RuntimeError as e:
            return re.sub(r"<.*>", "<...>", str(e))

    task = asyncio.create_task(self_await())
    print("self await:", await task)

    t = asyncio.create_task(middle())
    try:
        await t
    except ValueError as e:
        names = [fs.name for fs in traceback.extract_tb(e.__traceback__)]
        print("frames:", [n for n in names if n in ("main", "middle", "leaf")])
        print("no step frame:", not any("step" in n for n in names))

    async def cancel_at_return():
        asyncio.current_task().cancel("at return")
        return "value"

    t = asyncio.create_task(cancel_at_return())
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled at return:", e.args, t.cancelled())

    waiter = loop.create_future()

    async def waits():
        return await waiter

    t = asyncio.create_task(waits())
    await asyncio.sleep(0)
    print("waiting:", t._fut_waiter is waiter, t.done())
    t.cancel("while waiting")
    await asyncio.sleep(0)
    print("waiter cancelled:", waiter.cancelled())
    try:
        await t
    except asyncio.CancelledError as e:
        print("task cancelled:", e.args)

    async def current():
        return asyncio.current_task() is t2

    t2 = asyncio.create_task(current())
    print("current inside:", await t2, asyncio.current_task() is not t2)

    async def raises_exit():
        raise SystemExit(3)

    try:
        await asyncio.create_task(raises_exit())
    except SystemExit as e:
        print("SystemExit:", e.code)


try:
    asyncio.run(main())
except SystemExit as e:
    print("SystemExit out of run:", e.code)
print("after run, no current task:", asyncio._get_running_loop() is None)
