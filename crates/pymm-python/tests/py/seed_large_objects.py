# Seed 2.2: objects over 512 bytes go straight to the system allocator.
import sys

large_list = [i for i in range(1000000)]
print("length:", len(large_list))
print("the list object is over 512 bytes:", sys.getsizeof(large_list) > 512)
print("at least 8 bytes per slot:", sys.getsizeof(large_list) >= 8 * 1000000)
print("first and last:", large_list[0], large_list[-1])
print("sum:", sum(large_list))
big_str = "x" * 10000
print("a 10000-char string is large:", sys.getsizeof(big_str) > 512)
del large_list
print("deleted; a new one works:", len([0] * 1000000))
