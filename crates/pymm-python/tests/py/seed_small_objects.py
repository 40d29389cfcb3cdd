# Seed 2.1: small objects (up to 512 bytes) come from the allocator's pools.
import sys

a = "hello"
b = 10
print("a =", a, "b =", b)
print("the str is a small object:", sys.getsizeof(a) <= 512)
print("the int is a small object:", sys.getsizeof(b) <= 512)
small = [sys.getsizeof(x) <= 512 for x in (1.5, (1, 2), [1, 2], {"k": 1}, "x" * 100)]
print("other small objects:", small)
many = [str(i) for i in range(10000)]
print("ten thousand small strings, all small:", all(sys.getsizeof(s) <= 512 for s in many))
print("last one:", many[-1])
