# Set order that depends on the table's history: colliding keys (probe sequences with
# perturbation), reuse of deleted slots, pop's search finger, frozenset copies, dict and
# dict-view operands, big ints, floats and int tuples (their hashes are CPython's).


def show(label, s):
    items = list(s)
    checksum = sum(i * hash(v) for i, v in enumerate(items)) % 1000003
    print(label, len(items), items[:6], items[-4:], checksum)


for n in (10, 200, 3000):
    coll = [i << 20 for i in range(n)] + [i << 33 for i in range(n)] + [-i for i in range(n)]
    s = set(coll)
    show('collide %d' % n, s)
    for v in coll[::3]:
        s.discard(v)
    show('collide discard %d' % n, s)
    s.update(i * 1000003 for i in range(n))
    show('collide readd %d' % n, s)
    big = {2**61 + i for i in range(n)} | {2**64 * i - 1 for i in range(n)} | {-(2**70) - i for i in range(n)}
    show('bigints %d' % n, big)
    mix = {i * 0.5 for i in range(n)} | {True, False, 2.0}
    show('floats %d' % n, mix)
    p = set(range(n))
    a = [p.pop() for _ in range(3)]
    p &= set(range(0, n, 2))
    a += [p.pop() for _ in range(3)]
    p.clear()
    p.update(range(n, 0, -1))
    a += [p.pop() for _ in range(3)]
    print('pops %d' % n, a)
    f = frozenset(range(0, n * 7, 7))
    show('frozen copy %d' % n, f.copy())
    show('frozen of frozen %d' % n, frozenset(f))
    show('set of frozen %d' % n, set(f))
    show('frozen or %d' % n, f | set(range(n)))
    g = f
    g |= {1, 2, 3}
    show('frozen ior %d' % n, g)
    print('frozen ior new object', g is not f, len(f))
    q = set(range(0, n * 3, 3))
    show('self and %d' % n, q & q)
    show('self or %d' % n, q | q)
    r = set(q)
    r |= r
    show('self ior %d' % n, r)
    r -= set()
    show('isub empty %d' % n, r)
    r ^= r
    show('self ixor %d' % n, r)
    d = {i * 5: i for i in range(n)}
    show('keys or %d' % n, d.keys() | set(range(n)))
    show('keys and %d' % n, d.keys() & set(range(0, n * 5, 3)))
    show('set and keys %d' % n, set(range(0, n * 5, 3)) & d.keys())
    show('keys sub %d' % n, d.keys() - set(range(n)))
    show('keys xor %d' % n, d.keys() ^ set(range(n)))
    show('set sub keys %d' % n, set(range(n)) - d.keys())
    show('update dict %d' % n, set(range(3)).union(d, [7, 8], range(n, 0, -3)))
    show('diff dict %d' % n, set(range(n * 5)).difference(d))
    show('diff dict big %d' % n, set(range(n * 50)).difference(d))
    show('sym dict %d' % n, set(range(n)).symmetric_difference(d))
    w = set(range(n))
    w.symmetric_difference_update(d)
    show('sym upd dict %d' % n, w)
    show('inter multi %d' % n, set(range(n)).intersection(range(0, n, 2), set(range(0, n, 3)), [6, 12, 0, 18]))
    show('list union %d' % n, set().union([(i * 7919) % 10007 for i in range(n)]))
    show('comp %d' % n, {(i * 7919) % 10007 for i in range(n)})
    show('literal', {5, 3, 1, 99, 1 << 40, 17, -4, 8, 16, 24, 32})
    t = {1 << 10, 2 << 10, 3 << 10}
    t.remove(2 << 10)
    t.add(5 << 10)
    t.add(2 << 10)
    show('dummy reuse', t)
    u = set(range(40))
    for i in range(35):
        u.remove(i)
    u.add(100)
    show('mostly removed then add', u)
    u -= {36}
    show('isub purge', u)
for n in (10, 100, 1000):
    show('tuples %d' % n, {(i, i % 7) for i in range(n)})
    show('nested tuples %d' % n, {(i, (i * 3, -i)) for i in range(n)})
    show('frozensets %d' % n, {frozenset([i, i + 1]) for i in range(n)})
print('hashes', hash(()), hash((1, 2)), hash((-1, (2, 3))), hash(frozenset()), hash(frozenset(range(10))))
print('float hashes', hash(0.5), hash(-2.25), hash(1e300), hash(1e-300), hash(7.0 / 3))
s = set(range(5))
s.pop()
s.pop()
s.clear()
s.update([0, 3])
print('pop finger survives clear', s.pop())
