# asyncio.TaskGroup's failure path: a failing child cancels its siblings and the group
# raises an ExceptionGroup of the failures, which except* takes apart.
import asyncio


async def ok(n):
    await asyncio.sleep(0)
    return n


async def bad(n):
    await asyncio.sleep(0)
    raise ValueError(f"bad {n}")


async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(ok(1))
            tg.create_task(bad(2))
            tg.create_task(bad(3))
    except* ValueError as e:
        print("caught", type(e).__name__, e.message, sorted(str(x) for x in e.exceptions))
    print("t1", t1.result())
    try:
        async with asyncio.TaskGroup() as tg:
            s = tg.create_task(slow())
            tg.create_task(bad(4))
    except* KeyError:
        print("not reached")
    except* ValueError as e:
        print("second", repr(e), s.cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad(5))
    except ExceptionGroup as e:
        print("plain except", e, e.exceptions)


asyncio.run(main())
