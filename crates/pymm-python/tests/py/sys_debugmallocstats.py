# sys._debugmallocstats() writes the allocator's table to stderr and returns None.
import sys

keep = [str(i) * 3 for i in range(1000)]
result = sys._debugmallocstats()
print("returns:", result)
print("the program continues:", len(keep))
