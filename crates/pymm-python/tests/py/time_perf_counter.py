# time.perf_counter: a float clock that never goes backwards (times are compared, never printed).
import time

start = time.perf_counter()
total = 0
for i in range(100000):
    total += i
end = time.perf_counter()
print("returns a float:", type(start).__name__)
print("does not go backwards:", end >= start)
print("the loop took less than a minute:", end - start < 60)
print("total:", total)
readings = [time.perf_counter() for _ in range(100)]
print("monotonic over 100 readings:", all(a <= b for a, b in zip(readings, readings[1:])))
