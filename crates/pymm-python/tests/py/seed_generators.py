# Seed 4.1: a generator instead of a list saves memory and gives the same sum.
import sys

squares_list = [x ** 2 for x in range(1000000)]
squares_generator = (x ** 2 for x in range(1000000))
list_bytes = sys.getsizeof(squares_list) + sum(sys.getsizeof(v) for v in squares_list)
gen_bytes = sys.getsizeof(squares_generator)
print("list with its items over 1 MB:", list_bytes > 10 ** 6)
print("the generator under 1 KB:", gen_bytes < 1000)
print("generator is at least 1000x smaller:", list_bytes > 1000 * gen_bytes)
print("same sum:", sum(squares_list) == sum(squares_generator))
print("sum:", sum(x ** 2 for x in range(1000000)))
print("a consumed generator is empty:", sum(squares_generator))
