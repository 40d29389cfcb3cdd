# A context's copy shares its values until either side sets or resets a variable: the
# copies asyncio makes per task and per callback must not see each other's changes.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")
other = contextvars.ContextVar("other")

outer = contextvars.copy_context()
var.set("a")
inner = contextvars.copy_context()
print(outer.get(var), inner.get(var), var.get())
token = var.set("b")
print(inner.get(var), var.get(), len(inner), len(contextvars.copy_context()))
var.reset(token)
print(var.get(), inner[var])


def set_in(ctx_name, value):
    var.set(value)
    other.set(ctx_name)
    return var.get(), other.get()


copy = contextvars.copy_context()
print(copy.run(set_in, "copy", "c"))
print(var.get(), other.get("unset"), copy[var], copy[other], sorted(v.name for v in copy))
again = copy.copy()
print(again.run(set_in, "again", "d"), copy[var], again[var])
print(copy.run(var.get), again.run(var.get), var.get())


async def child(value):
    before = var.get()
    var.set(value)
    await asyncio.sleep(0)
    return before, var.get()


async def main():
    var.set("main")
    results = await asyncio.gather(child("x"), child("y"))
    print(results, var.get())
    task = asyncio.create_task(child("z"), context=copy)
    print(await task, copy[var], var.get())
    seen = []
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def callback(fut):
        seen.append(var.get())
        var.set("callback")

    done.add_done_callback(callback)
    var.set("after add_done_callback")
    done.set_result(None)
    await asyncio.sleep(0)
    print(seen, var.get())


asyncio.run(main())
print(var.get())
