# Seed 4.3: tuples are smaller than lists; sets give fast membership.
import sys

point = (10, 20)
point_list = [10, 20]
print("tuple smaller than list:", sys.getsizeof(point) < sys.getsizeof(point_list))
fruits = {"apple", "banana", "cherry"}
print("membership:", "apple" in fruits, "grape" in fruits)
print("sorted:", sorted(fruits))
big = list(range(100000))
big_set = set(big)
hits_list = sum(1 for v in range(99900, 100100) if v in big)
hits_set = sum(1 for v in range(99900, 100100) if v in big_set)
print("same answers from list and set:", hits_list, hits_set)
