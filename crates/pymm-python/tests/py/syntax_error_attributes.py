# A SyntaxError raised by exec() or eval() carries CPython's msg, filename and lineno, and its
# str() names where it is; one made by hand prints only its message.
for src in ["1+", "x = = 2", "def f(:\n  pass"]:
    try:
        exec(src)
    except SyntaxError as e:
        print(str(e), "|", e.msg, e.lineno, e.filename)
try:
    eval("  1+")
except SyntaxError as e:
    print(e, e.lineno)
e = SyntaxError("boom")
print(str(e), repr(e))
