# time's calendar functions: struct_time, gmtime, localtime, mktime, strftime, asctime.
import time

t = time.gmtime(1653473677)
print("gmtime:", t)
print("fields:", t.tm_year, t.tm_mon, t.tm_mday, t.tm_wday, t.tm_yday, t.tm_zone, t.tm_gmtoff)
print("tuple:", tuple(t), len(t), t[0], t[-1], isinstance(t, tuple))
print("epoch:", tuple(time.gmtime(0)), tuple(time.gmtime(-86400.5)))
local = time.localtime(1653473677)
print("round trip:", time.mktime(local) == 1653473677.0)
print("strftime:", time.strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %y %%", t))
print("strftime of tuple:", time.strftime("%d/%m/%Y", (2020, 2, 29, 0, 0, 0, 5, 60, 0)))
print("asctime:", time.asctime(t), time.asctime((2021, 3, 5, 7, 8, 9, 4, 64, 0)))
print("struct_time:", time.struct_time((2020, 1, 2, 3, 4, 5, 3, 2, 0)))
print("now is a struct_time:", type(time.localtime()).__name__, type(time.gmtime()).__name__)
print("time_ns:", isinstance(time.time_ns(), int), abs(time.time_ns() / 1e9 - time.time()) < 5)
for bad in ((1, 2), 5):
    try:
        time.strftime("%Y", bad)
    except TypeError as e:
        print("TypeError:", type(e).__name__)
