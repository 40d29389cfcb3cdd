# Python memory management, from allocation to collection: the article's programs, in order.
#
# Run it with `pymm run examples/seed.py` (every object lives in a pymm heap) or with
# `python3 examples/seed.py` (CPython): both print the same kind of lines. Each claim of the
# article is printed first, then what was measured.
import gc
import sys
import time


def section(title):
    print()
    print("== " + title)


def claim(text):
    print("claim:    " + text)


def measured(label, value):
    print("measured: " + label + ": " + str(value))


section("2.1 Small objects come from memory pools")
claim("objects of at most 512 bytes are served from pre-built pools of fixed-size blocks")
a = "hello"  # a string object, from the pool of its size class
b = 10  # an int object, from a pool too
measured("sys.getsizeof(\"hello\")", str(sys.getsizeof(a)) + " bytes, small: " + str(sys.getsizeof(a) <= 512))
measured("sys.getsizeof(10)", str(sys.getsizeof(b)) + " bytes, small: " + str(sys.getsizeof(b) <= 512))

section("2.2 Large objects go straight to the system allocator")
claim("objects over 512 bytes skip the pools")
large_list = [i for i in range(1000000)]
measured("len(large_list)", len(large_list))
measured("sys.getsizeof(large_list)", str(sys.getsizeof(large_list)) + " bytes, large: " + str(sys.getsizeof(large_list) > 512))
measured("bytes per slot of the list, at least 8", sys.getsizeof(large_list) // len(large_list) >= 8)
del large_list

section("3.1 Reference counting")
claim("sys.getrefcount(x) - 1 counts the references to x: 1, then 2 after y = x, then 1 after del y")
x = [1, 2, 3]
measured("after x = [1, 2, 3]", sys.getrefcount(x) - 1)
y = x
measured("after y = x", sys.getrefcount(x) - 1)
del y
measured("after del y", sys.getrefcount(x) - 1)
del x
print("          del x: the count reached 0, the list was freed at once")

section("3.2 Generational collection frees cycles")
claim("two nodes referring to each other are not freed by reference counting; gc.collect() frees them")


class Node:
    def __init__(self):
        self.next = None


gc.collect()
a = Node()
b = Node()
a.next = b
b.next = a  # a cycle: each node keeps the other's count above zero
del a
del b
measured("gc.collect() (objects found unreachable)", gc.collect())
measured("gc.get_threshold() (generation 0, 1, 2)", gc.get_threshold())
measured("gc.get_count() right after a collection", gc.get_count())
measured("collections so far per generation (gc.get_stats())", [s["collections"] for s in gc.get_stats()])

section("4.1 Generators instead of lists")
claim("a generator computes values lazily and uses far less memory than the full list")
squares_list = [x**2 for x in range(1000000)]
squares_generator = (x**2 for x in range(1000000))
list_bytes = sys.getsizeof(squares_list) + sum(sys.getsizeof(v) for v in squares_list)
generator_bytes = sys.getsizeof(squares_generator)
measured("the list and its million ints", str(list_bytes) + " bytes")
measured("the generator object", str(generator_bytes) + " bytes")
measured("the generator is over 10000 times smaller", list_bytes // generator_bytes > 10000)
list_sum = sum(squares_list)
generator_sum = sum(squares_generator)
measured("both sum to the same value", list_sum == generator_sum)
measured("the sum", generator_sum)
del squares_list

section("4.2 del releases what is no longer needed")
claim("when del removes the last reference, the object is freed at once")


class LargeData:
    def __init__(self, n):
        self.values = list(range(n))

    def __del__(self):
        print("          LargeData.__del__ ran: the object is freed")


def load_large_data():
    return LargeData(100000)


def process_data(data):
    measured("processed items", len(data.values))


data = load_large_data()
process_data(data)
print("          del data ...")
del data
print("          ... done: the finalizer ran before this line")

section("4.3 Tuples and sets")
claim("a tuple takes less memory than a list with the same items")
point = (10, 20)
tuple_bytes = sys.getsizeof(point)
list_bytes = sys.getsizeof([10, 20])
measured("sys.getsizeof((10, 20)) vs sys.getsizeof([10, 20])", str(tuple_bytes) + " vs " + str(list_bytes) + " bytes")
measured("the tuple is smaller", tuple_bytes < list_bytes)
claim("a set answers membership much faster than a list")
fruits = {"apple", "banana", "cherry"}
measured("'banana' in fruits", "banana" in fruits)
haystack_list = list(range(100000))
haystack_set = set(haystack_list)
needles = range(99800, 100000)  # near the list's end: the worst case for a list scan
start = time.perf_counter()
found_list = sum(1 for n in needles if n in haystack_list)
list_seconds = time.perf_counter() - start
start = time.perf_counter()
found_set = sum(1 for n in needles if n in haystack_set)
set_seconds = time.perf_counter() - start
measured("both find every needle", found_list == found_set == len(needles))
measured("200 lookups in a list of 100000", str(round(list_seconds * 1000, 3)) + " ms")
measured("200 lookups in a set of 100000", str(round(set_seconds * 1000, 3)) + " ms")
measured("list time / set time (rounded)", round(list_seconds / max(set_seconds, 1e-9)))
print("set is faster:", set_seconds < list_seconds)
