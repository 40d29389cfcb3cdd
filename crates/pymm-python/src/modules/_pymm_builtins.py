"""The parts of built-in functions that are clearest as Python code.

`anext(iterator, default)` awaits `iterator.__anext__()` and gives `default` when the
iterator is exhausted: CPython builds that awaitable in C (`anext_awaitable`); here it is
a coroutine, made by `builtins.anext` on demand.
"""


async def anext_default(awaitable, default):
    try:
        return await awaitable
    except StopAsyncIteration:
        return default
