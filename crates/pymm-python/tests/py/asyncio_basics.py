# asyncio: run, tasks, gather, cancellation, wait_for, wait, Event, Lock, Semaphore, Queue,
# timeout, TaskGroup and as_completed on pymm's event loop.
import asyncio

async def worker(name, delay, out):
    await asyncio.sleep(delay)
    out.append(name)
    return name.upper()

async def failing():
    await asyncio.sleep(0)
    raise ValueError("bad")

async def forever():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("forever cancelled")
        raise

async def main():
    out = []
    # Delays far apart, so that a slow start of the second task (a loaded machine, a debug
    # build) cannot put its deadline before the first's.
    res = await asyncio.gather(worker("a", 0.2, out), worker("b", 0.1, out), worker("c", 0, out))
    print(res, out)
    print(await asyncio.gather(failing(), worker("d", 0, out), return_exceptions=True))
    try:
        await asyncio.gather(failing())
    except ValueError as e:
        print("gather raised", e)
    t = asyncio.create_task(forever())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", t.cancelled())
    try:
        await asyncio.wait_for(forever(), 0.01)
    except asyncio.TimeoutError:
        print("wait_for timeout")
    print(await asyncio.wait_for(worker("e", 0, out), 1))
    tasks = [asyncio.create_task(worker(n, d, out)) for n, d in [("x", 0.02), ("y", 0.0)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    await asyncio.wait(pending)
    ev = asyncio.Event()
    async def waiter():
        await ev.wait()
        return "woke"
    wt = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    ev.set()
    print(await wt)
    lock = asyncio.Lock()
    order = []
    async def locked(i):
        async with lock:
            order.append(("in", i))
            await asyncio.sleep(0)
            order.append(("out", i))
    await asyncio.gather(*(locked(i) for i in range(3)))
    print(order)
    sem = asyncio.Semaphore(2)
    active = [0, 0]
    async def limited():
        async with sem:
            active[0] += 1
            active[1] = max(active[1], active[0])
            await asyncio.sleep(0.001)
            active[0] -= 1
    await asyncio.gather(*(limited() for _ in range(6)))
    print("max active", active[1])
    q = asyncio.Queue()
    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)
    async def consumer():
        got = []
        while (item := await q.get()) is not None:
            got.append(item)
        return got
    print(await asyncio.gather(producer(), consumer()))
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout block")
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(worker("tg1", 0, out))
        t2 = tg.create_task(worker("tg2", 0.001, out))
    print(t1.result(), t2.result())
    for coro in asyncio.as_completed([worker("s", 0.01, out), worker("f", 0, out)]):
        print("completed", await coro)
    print(asyncio.current_task().get_name().startswith("Task-"), asyncio.get_running_loop().is_running())
    return "main done"

print(asyncio.run(main()))
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
loop = asyncio.new_event_loop()
print(loop.run_until_complete(worker("z", 0, [])))
loop.close()
