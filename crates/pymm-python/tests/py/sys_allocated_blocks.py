# sys.getallocatedblocks() counts the allocator's blocks in use: it grows with live objects
# and falls back when they are freed.
import sys
import gc

gc.collect()
before = sys.getallocatedblocks()
keep = [[i] for i in range(10000)]
during = sys.getallocatedblocks()
print("grew by at least 10000 blocks:", during - before >= 10000)
del keep
after = sys.getallocatedblocks()
print("fell back to near the start:", abs(after - before) < 100)
print("byteorder:", sys.byteorder)
