# asyncio's futures and tasks as a program sees them: results, exceptions, cancellation
# with messages, the order done callbacks run in and the contexts they run in, errors in
# callbacks (to the loop's exception handler), a KeyboardInterrupt out of a callback (the
# callbacks not run yet stay scheduled), gather/wait_for/shield/TaskGroup, subclasses.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


def report(loop, context):
    exc = context.get("exception")
    print("handler:", context["message"].split(" at ")[0], type(exc).__name__, exc)


async def results_and_errors():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("pending:", fut.done(), fut.cancelled(), repr(fut))
    order = []
    for i in range(3):
        fut.add_done_callback(lambda f, i=i: order.append(i))
    fut.add_done_callback(lambda f: order.append("removed"))
    print("removed:", fut.remove_done_callback(order.append))
    loop.call_soon(fut.set_result, 42)
    print("await:", await fut, repr(fut))
    await asyncio.sleep(0)
    print("callback order:", order)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    bad = loop.create_future()
    bad.set_exception(ValueError("bad"))
    try:
        await bad
    except ValueError as e:
        print("raised:", repr(e), repr(bad))
    try:
        bad.set_exception(StopIteration())
    except Exception as e:
        print(type(e).__name__, e)
    f2 = loop.create_future()
    try:
        f2.set_exception(StopIteration)
    except TypeError as e:
        print("TypeError:", e)
    try:
        f2.result()
    except asyncio.InvalidStateError as e:
        print("not ready:", e)


async def cancellation():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("cancel:", fut.cancel("why"), fut.cancel(), fut.cancelled())
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("cancelled result:", e.args)

    async def sleeper():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("inner got:", e.args)
            raise

    task = asyncio.create_task(sleeper(), name="sleeper")
    await asyncio.sleep(0)
    print("task cancel:", task.cancel("stop it"), task.cancelling())
    try:
        await task
    except asyncio.CancelledError as e:
        print("outer got:", e.args, task.cancelled(), repr(task))

    async def swallow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "swallowed"

    t2 = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t2.cancel()
    print("swallowed:", await t2, t2.cancelled(), t2.uncancel())

    async def never_started():
        print("never printed")

    t3 = asyncio.create_task(never_started())
    t3.cancel("before start")
    try:
        await t3
    except asyncio.CancelledError as e:
        print("cancelled before start:", e.args)


async def contexts():
    loop = asyncio.get_running_loop()
    seen = []
    var.set("outer")
    ctx = contextvars.copy_context()
    ctx.run(var.set, "in ctx")
    loop.call_soon(lambda: seen.append(var.get()))
    loop.call_soon(lambda: seen.append(var.get()), context=ctx)

    def setter():
        var.set("set by callback")
        seen.append(var.get())

    loop.call_soon(setter, context=ctx)
    loop.call_soon(lambda: seen.append(ctx[var]))
    await asyncio.sleep(0)
    print("contexts:", seen, var.get())

    async def child():
        var.set("child")
        return var.get()

    print("task context:", await asyncio.create_task(child()), var.get())
    t = asyncio.create_task(child(), context=ctx)
    print("given context:", await t, ctx[var])


async def callback_errors():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    ran = []

    def boom():
        raise ValueError("in callback")

    loop.call_soon(boom)
    loop.call_soon(ran.append, "after")
    h = loop.call_soon(ran.append, "cancelled")
    h.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("ran:", ran)
    ctx = contextvars.copy_context()

    def reenter():
        loop.call_soon(ran.append, "nested", context=ctx)

    ctx.run(reenter)
    await asyncio.sleep(0)
    print("ran:", ran)
    loop.set_exception_handler(None)


def interrupt_in_callback():
    loop = asyncio.new_event_loop()
    ran = []

    def interrupt():
        raise KeyboardInterrupt("stop")

    loop.call_soon(ran.append, 1)
    loop.call_soon(interrupt)
    loop.call_soon(ran.append, 2)
    loop.call_soon(ran.append, 3)
    try:
        loop.run_forever()
    except KeyboardInterrupt as e:
        print("KeyboardInterrupt:", e, ran)
    loop.call_soon(loop.stop)
    loop.run_forever()
    print("after:", ran)
    loop.close()


async def combinators():
    async def value(v, delay=0):
        await asyncio.sleep(delay)
        return v

    async def fail(msg):
        await asyncio.sleep(0)
        raise KeyError(msg)

    print("gather:", await asyncio.gather(value(1), value(2), value(3)))
    print("gather exc:", await asyncio.gather(value(1), fail("k"), return_exceptions=True))
    try:
        await asyncio.gather(value(1), fail("first"))
    except KeyError as e:
        print("gather raised:", repr(e))
    try:
        await asyncio.wait_for(value("slow", 5), 0.01)
    except TimeoutError as e:
        print("wait_for timed out:", type(e).__name__)
    print("wait_for:", await asyncio.wait_for(value("fast"), 5))
    inner = asyncio.ensure_future(value("shielded", 0.01))
    outer = asyncio.shield(inner)
    outer.cancel()
    await asyncio.sleep(0.02)
    print("shield:", outer.cancelled(), inner.result())
    results = []
    async with asyncio.TaskGroup() as tg:
        for i in range(4):
            tg.create_task(value(i)).add_done_callback(lambda t: results.append(t.result()))
    print("TaskGroup:", results)
    # a TaskGroup whose child fails raises an ExceptionGroup, which pymm lacks: the
    # cancellation of the siblings is what is checked here
    async def cancelled_by(tg_task):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("sibling cancelled, group cancelling:", tg_task.cancelling())
            raise

    async def group():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(cancelled_by(asyncio.current_task()))
            await asyncio.sleep(0)
            tg.create_task(value("y")).add_done_callback(lambda t: print("done:", t.result()))
            await asyncio.sleep(1)
        return "group done"

    g = asyncio.create_task(group())
    for _ in range(3):
        await asyncio.sleep(0)
    g.cancel("group off")
    try:
        await g
    except asyncio.CancelledError as e:
        print("group cancelled:", e.args, g.cancelled())
    done, pending = await asyncio.wait([asyncio.ensure_future(value(i)) for i in range(3)])
    print("wait:", sorted(t.result() for t in done), pending)


class MyFuture(asyncio.Future):
    def result(self):
        return ("wrapped", super().result())


class MyTask(asyncio.Task):
    def __repr__(self):
        return "<MyTask " + self.get_name() + ">"


async def subclasses():
    loop = asyncio.get_running_loop()
    f = MyFuture(loop=loop)
    loop.call_soon(f.set_result, 7)
    print("subclass await:", await f, f.result(), asyncio.isfuture(f))

    async def coro():
        return "coro result"

    c = coro()
    t = MyTask(c, loop=loop, name="mine")
    print("subclass task:", repr(t), t.get_coro() is c, await t, asyncio.isfuture(t))
    print("current:", asyncio.current_task().get_name())


async def main():
    await results_and_errors()
    await cancellation()
    await contexts()
    await callback_errors()
    await combinators()
    await subclasses()


def call_soon_edges():
    loop = asyncio.new_event_loop()
    h = loop.call_soon(print, "a", 1)
    print("handle:", type(h).__name__, h.cancelled())
    try:
        loop.call_soon(print, "x", ctx=None)
    except TypeError as e:
        print("TypeError:", e)
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.close()
    try:
        loop.call_soon(print, "closed")
    except RuntimeError as e:
        print("RuntimeError:", e)

    class CountingLoop(type(asyncio.new_event_loop())):
        calls = 0

        def call_soon(self, callback, *args, context=None):
            CountingLoop.calls += 1
            return super().call_soon(callback, *args, context=context)

    loop = CountingLoop()

    async def two_steps():
        await asyncio.sleep(0)
        return "done"

    print("subclassed loop:", loop.run_until_complete(two_steps()), CountingLoop.calls > 0)
    loop.close()


asyncio.run(main())
interrupt_in_callback()
call_soon_edges()
