"""A module that reads its own namespace through globals(), vars() and eval/exec."""

marker = "probe module"


def own_globals():
    return globals()


def own_name():
    return globals()["__name__"]


def eval_here(expr):
    return eval(expr)


seen_by_exec = []


def exec_here(source):
    exec(source)
    return seen_by_exec


module_level_name = globals()["__name__"]
module_level_vars_is_globals = vars() is globals()
