# A SyntaxError from exec() carries lineno, offset, end_lineno and end_offset as CPython's.
cases = [
    "x = (1 +",
    "a b",
    "def f(:\n  pass",
    "x = [1, 2\ny = 3",
    "def f():\n    return 1 +* 2",
    "return 5",
    "await x",
    "def f():\n    await x",
    "async def f():\n    yield from g()",
    "async def f():\n    yield 1\n    return 2",
    "def f():\n    return [await x for y in z]",
    "x = 'abc",
]
for src in cases:
    try:
        exec(src)
    except SyntaxError as e:
        print(repr(src), "|", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
