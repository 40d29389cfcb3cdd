# An uncaught exception prints a CPython-style traceback on stderr and exits with 1.
def inner(d):
    return d["missing"]


def outer():
    return inner({})


try:
    outer()
except KeyError as e:
    print("caught:", repr(e))
outer()
