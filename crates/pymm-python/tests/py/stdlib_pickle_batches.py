# pickle round trips of containers longer than one batch (pickle writes lists and dicts 1000
# items at a time through itertools.islice), and islice's exact consumption of an iterator.
import itertools
import pickle

for n in [1000, 2001]:
    items = list(range(n))
    table = {i: i for i in range(n)}
    for proto in [0, 2, 5]:
        print(n, proto, pickle.loads(pickle.dumps(items, proto)) == items,
              pickle.loads(pickle.dumps(table, proto)) == table)
big = [b"x" * 70000, "y" * 70000, list(range(3000))]
print("large frames", pickle.loads(pickle.dumps(big, 4)) == big)
print("dumps length", len(pickle.dumps(list(range(3000)), 4)))

for args in [(3,), (0,), (2, 5), (5, 3), (1, None), (1, 8, 3), (0, 10, 4), (2, None, 3),
             (0, 3, 5), (4, 4), (20,), (3, 30, 2)]:
    it = iter(range(10))
    got = list(itertools.islice(it, *args))
    print("islice", args, got, "next:", next(it, "end"))
