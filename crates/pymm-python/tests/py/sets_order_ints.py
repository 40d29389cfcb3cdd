# Iteration order of large int sets, as CPython 3.11 lays them out: set(range(n)) for many n,
# set algebra by operator and by method, sets grown then shrunk by discard and pop.
# Each line: label, size, first and last items, and an order-sensitive checksum.


def show(label, s):
    items = list(s)
    checksum = sum(i * v for i, v in enumerate(items) if isinstance(v, int))
    print(label, len(items), items[:8], items[-4:], checksum)


sizes_seen = []
for n in list(range(0, 70, 3)) + [100, 1000, 5000, 50001, 70000]:
    sizes_seen.append(list(set(range(n))) == list(range(n)))
print('set(range(n)) iterates in order', sizes_seen)
for n in (5000, 50001, 70000):
    show('range shifted %d' % n, set(range(n, 2 * n)) | set(range(n)))
for n in (10, 100, 1000, 3000):
    a = set(range(0, n * 3, 3))
    b = set(range(0, n * 5, 5))
    show('or %d' % n, a | b)
    show('and %d' % n, a & b)
    show('sub %d' % n, a - b)
    show('rsub %d' % n, b - a)
    show('xor %d' % n, a ^ b)
    show('union meth %d' % n, a.union(b, range(7)))
    show('inter meth %d' % n, a.intersection(b, range(0, n * 5, 2)))
    show('diff meth %d' % n, a.difference(range(0, n, 2)))
    show('symdiff meth %d' % n, a.symmetric_difference(range(0, n, 2)))
    c = set(a)
    for i in range(0, n * 3, 6):
        c.discard(i)
    show('discard %d' % n, c)
    for i in range(n):
        c.add(i * 7 + 1)
    show('discard add %d' % n, c)
    d = set(a)
    popped = [d.pop() for _ in range(n // 2)]
    show('pop %d' % n, d)
    show('popped %d' % n, popped)
    e = set(b)
    e -= a
    show('isub %d' % n, e)
    e &= set(range(0, n * 10, 10))
    show('iand %d' % n, e)
    e |= a
    show('ior %d' % n, e)
    e ^= b
    show('ixor %d' % n, e)
    e.update(range(n * 2), [10**6 + i for i in range(n)])
    show('update %d' % n, e)
    e.difference_update(range(0, n * 2, 3))
    show('diff update %d' % n, e)
    e.intersection_update(range(0, n * 20, 2))
    show('inter update %d' % n, e)
    e.symmetric_difference_update(range(n))
    show('symdiff update %d' % n, e)
    show('copy %d' % n, e.copy())
    show('frozenset %d' % n, frozenset(e))
    show('dict %d' % n, set(dict.fromkeys(range(n, 0, -1))))
    show('comp %d' % n, {i * 37 % 1001 for i in range(n)})
    show('neg %d' % n, {-i for i in range(n)})
    show('big %d' % n, {i * 2**40 + i for i in range(n)})
    c.clear()
    c.update(range(n, 0, -1))
    show('clear update %d' % n, c)
