# print(file=obj) calls obj.write once per value, separator and end; sys.stdout replaced by
# the program is where print writes.
import sys


class Recorder:
    def __init__(self):
        self.parts = []
        self.flushes = 0

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.flushes += 1


r = Recorder()
print(1, "two", [3], sep="-", end="!", file=r)
print(file=r)
print("x", file=r, flush=True)
print("writes:", r.parts)
print("flushes:", r.flushes)
print("None file is stdout", file=None)
saved = sys.stdout
sys.stdout = Recorder()
print("captured", 42)
captured = sys.stdout.parts
sys.stdout = saved
print("captured:", captured)
for bad in [dict(sep=3), dict(end=[]), dict(file=42)]:
    try:
        print("x", **bad)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
