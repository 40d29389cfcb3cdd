# sys._getframe: the running frame, f_back, f_code is the function's __code__, and a frame
# kept in its own locals is a cycle the collector frees.
import sys, gc

def f():
    frame = sys._getframe()
    return frame

fr = f()
print(fr.f_code is f.__code__, fr.f_code.co_name, fr.f_lineno, fr.f_back is not None)
print(fr.f_back.f_code.co_name, fr.f_back.f_back)
def outer():
    return inner()
def inner():
    return sys._getframe(1).f_code.co_name, sys._getframe(0) is sys._getframe()
print(outer())
try:
    sys._getframe(2000000000)
except ValueError as e:
    print("ValueError", e)
try:
    sys._getframe(1, 2)
except TypeError as e:
    print("TypeError")
del fr
gc.disable()
gc.collect()
def g():
    frame = sys._getframe()
g()
print("frame cycle", gc.collect())
print(type(f.__code__).__name__, f.__code__.co_filename.endswith(".py"), gc.is_tracked(f.__code__))
