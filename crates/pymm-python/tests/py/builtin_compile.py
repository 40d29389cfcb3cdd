# compile(): code objects that exec and eval run, from str or bytes, with CPython's errors.
c = compile("x = 1\ny = x + 1\n", "<mine>", "exec")
print(type(c).__name__, c.co_filename if hasattr(c, "co_filename") else None)
ns = {}
exec(c, ns)
print(ns["y"])
e = compile("1 + 2 * 3", "<e>", "eval")
print(eval(e), eval(e, {}))
print(eval(compile("a * 2", "<e>", "eval"), {"a": 21}))
print(exec(compile("z = 5", "f", "exec"), ns), ns["z"])
print(eval(compile(b"40 + 2", "<b>", "eval")))
try:
    compile("x", "f", "nope")
except ValueError as err:
    print("ValueError", err)
try:
    compile(1, "f", "exec")
except TypeError as err:
    print("TypeError", err)
try:
    exec(compile("1/0", "<zero>", "exec"))
except ZeroDivisionError as err:
    print("ZeroDivisionError", err)
try:
    compile("def f(:\n  pass\n", "myfile.py", "exec")
except SyntaxError as err:
    print(err.filename, err.lineno, err.msg)
