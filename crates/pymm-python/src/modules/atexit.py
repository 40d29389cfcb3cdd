# pymm's atexit module: functions registered here run when the program ends (after the main
# module finishes or sys.exit), last registered first, as in CPython.

_exithandlers = []


def register(func, *args, **kwargs):
    """Runs func(*args, **kwargs) at exit; returns func, so that it can decorate."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _exithandlers.append((func, args, kwargs))
    return func


def unregister(func):
    """Forgets every registration of func."""
    _exithandlers[:] = [h for h in _exithandlers if h[0] != func]


def _clear():
    del _exithandlers[:]


def _ncallbacks():
    return len(_exithandlers)


def _run_exitfuncs():
    """Runs the registered functions, last first; an exception is reported and the others
    still run (called by pymm at exit)."""
    import sys
    while _exithandlers:
        func, args, kwargs = _exithandlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as exc:
            print("Exception ignored in atexit callback:", repr(func), file=sys.stderr)
            import traceback
            traceback.print_exception(exc)
