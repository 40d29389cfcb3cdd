# traceback.format_exception / format_exception_only / format_exc.
import traceback
def f():
    raise ValueError("bad")
try:
    f()
except ValueError as e:
    lines = traceback.format_exception(e)
    print(lines[0], len(lines) > 2, lines[-1])
    print(traceback.format_exception_only(e))
    print(traceback.format_exc().splitlines()[-1])
print(traceback.format_exc())
