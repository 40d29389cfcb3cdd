# int and float's __trunc__, __floor__, __ceil__ and __getnewargs__.
import math

for x in [3, -3, 0, True, 10**30, 3.7, -3.7, 2.5, -0.5, 1e20]:
    print(repr(x), x.__trunc__(), x.__floor__(), x.__ceil__(), x.__getnewargs__())
    print(math.trunc(x), math.floor(x), math.ceil(x))

for bad in [float("inf"), float("nan")]:
    for name in ["__trunc__", "__floor__", "__ceil__"]:
        try:
            getattr(bad, name)()
        except (OverflowError, ValueError) as e:
            print(name, type(e).__name__, e)


class MyInt(int):
    pass


class MyFloat(float):
    pass


print(MyInt(7).__trunc__(), type(MyInt(7).__trunc__()).__name__, MyInt(7).__getnewargs__())
print(MyFloat(2.5).__floor__(), MyFloat(2.5).__getnewargs__())
print(int.__ceil__(5), float.__trunc__(9.9))
for t in (int, float):
    print(t.__name__, sorted(n for n in ("__trunc__", "__floor__", "__ceil__", "__getnewargs__") if n in dir(t)))
