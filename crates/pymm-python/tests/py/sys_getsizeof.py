# sys.getsizeof: compared, never printed (sizes differ between implementations).
import sys

size = sys.getsizeof
print("returns an int:", type(size(1)).__name__)
# An empty list is one block in pymm (its item array comes with the first item), as large
# as an empty tuple; in CPython it is larger.
print("empty tuple no larger than empty list:", size(()) <= size([]))
print("tuple (1, 2) smaller than list [1, 2]:", size((1, 2)) < size([1, 2]))
print("a list grows with its items:", size([0] * 10) < size([0] * 1000))
print("a list of a million is larger than 512 bytes:", size(list(range(1000000))) > 512)
print("small objects fit in 512 bytes:", size("hello") <= 512, size(10) <= 512, size(1.5) <= 512)
print("a longer string is larger:", size("a") < size("a" * 100))
print("big ints are larger:", size(1) < size(10 ** 100))
print("a generator is smaller than its list:", size(x for x in range(10000)) < size([x for x in range(10000)]))
print("set vs list of the same items, set larger:", size(set(range(100))) > size(list(range(100))))
print("empty dict is positive:", size({}) > 0)
print("bytes grow with length:", size(b"") < size(b"x" * 64))
print("range is constant size:", size(range(10)) == size(range(10 ** 9)))
print("instances have a size:", size(object()) > 0)
print("a default argument is accepted:", sys.getsizeof(5, 99) > 0)
