# Traceback objects (tb_frame, tb_lineno, tb_next, tb_lasti) and frame objects (f_code,
# f_lineno, f_globals, f_locals, f_back) as a handler sees them.
import sys


def inner():
    x = 42
    raise ValueError("v")


def outer():
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    n = 0
    while tb is not None:
        f = tb.tb_frame
        print(n, tb.tb_lineno, f.f_code.co_name, type(tb.tb_lasti).__name__, f.f_globals is globals())
        if f.f_code.co_name != "<module>":
            print("  f_lineno", f.f_lineno)
        if f.f_code.co_name == "inner":
            print("  locals", f.f_locals)
        print("  back", f.f_back.f_code.co_name if f.f_back else None)
        tb = tb.tb_next
        n += 1
    print(sys.exc_info()[2] is e.__traceback__)
    print(e.__traceback__.tb_next.tb_next.tb_next)


def g():
    y = 1
    print(sorted(sys._getframe().f_locals))
    fr = sys._getframe(); print(fr.f_back.f_code.co_name, fr.f_lineno, fr.f_code.co_name)


g()
print(sys._getframe().f_locals is globals())
