# Built-in methods check how many arguments they get, with CPython's TypeError.
for expr in ["{}.keys(None)", "[].copy(1)", "[].index()", "[].append()", "'a'.upper(1)", "{}.get()", "set().pop(1)", "[1].pop(0, 1)", "{}.items(x=1)", "(5).bit_length(2)", "list.copy([1], 2)"]:
    try:
        eval(expr)
        print(expr, "ok")
    except TypeError as e:
        print(expr, "TypeError:", e)
print({1: 2}.get(1), [3, 1].index(1), [1, 2].pop(), "ab".upper(), {1: 2}.pop(1, None), list.copy([1]))
