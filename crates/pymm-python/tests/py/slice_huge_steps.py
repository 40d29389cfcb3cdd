# Extended slices whose step is near sys.maxsize select the right items (no overflow
# while stepping past the end), on lists, tuples, strs and ranges; a range's slice maps its
# stop as CPython does.
import sys

big = sys.maxsize
for seq in ([0, 1, 2, 3, 4], (0, 1, 2, 3, 4), "abcde", range(5), b"abcde"):
    print(seq[1::big], seq[3::big - 1], seq[::-big], seq[-1::-big + 1], seq[:: big // 2])
    print(seq[-big::big], seq[big::-big])
lst = list(range(10))
lst[2::big] = ["x"]
print(lst)
del lst[1::big]
print(lst)
for r in (range(10), range(3, 50, 7), range(20, -5, -3), range(0), range(-4, 9, 2)):
    for s in (slice(None), slice(1, 5), slice(None, None, 2), slice(None, None, -1), slice(-3, None), slice(2, 100, 3), slice(100, -100, -4), slice(5, 1)):
        print(r[s], list(r[s]) == list(r)[s])
