# Random set operations (a fixed LCG picks them): adds, pops, discards, operators, in-place
# operators, methods, copies and clears on ints, shifted ints, negatives, int tuples and floats.
# Every 200 steps the sizes and first items are printed, at the end an order checksum per set.
state = [12345]
def rand(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % n
def keyof():
    k = rand(6)
    v = rand(3000)
    if k == 0:
        return v << rand(40)
    if k == 1:
        return -v
    if k == 2:
        return (v % 50, rand(4))
    if k == 3:
        return v * 0.25
    return v
sets = [set(), set(range(20)), frozenset(range(5, 60, 3))]
for step in range(4000):
    op = rand(16)
    i = rand(len(sets))
    s = sets[i]
    other = sets[rand(len(sets))]
    mutable = type(s) is set
    if op == 0 and mutable:
        for _ in range(rand(40)):
            s.add(keyof())
    elif op == 1 and mutable and s:
        for _ in range(rand(10)):
            if s:
                s.pop()
    elif op == 2 and mutable:
        for _ in range(rand(30)):
            s.discard(keyof())
        for v in list(s)[::rand(3) + 2]:
            s.discard(v)
    elif op == 3:
        sets.append(s | other)
    elif op == 4:
        sets.append(s & other)
    elif op == 5:
        sets.append(s - other)
    elif op == 6:
        sets.append(s ^ other)
    elif op == 7 and mutable:
        s |= other
    elif op == 8 and mutable:
        s &= other
    elif op == 9 and mutable:
        s -= other
    elif op == 10 and mutable:
        s ^= other
    elif op == 11:
        sets.append(s.union([keyof() for _ in range(rand(20))], other))
    elif op == 12:
        sets.append(s.difference([keyof() for _ in range(rand(20))]))
    elif op == 13:
        sets.append(frozenset(s) if rand(2) else set(s))
    elif op == 14 and mutable:
        s.clear() if rand(5) == 0 else s.update(range(rand(100)))
    elif op == 15:
        sets.append(s.intersection(list(other), range(rand(3000))))
    if len(sets) > 12:
        del sets[rand(len(sets))]
    if step % 200 == 0:
        print(step, [len(x) for x in sets], [list(x)[:3] for x in sets[:4]])
for x in sets:
    print(len(x), sum(i * hash(v) for i, v in enumerate(x)) % 1000003)
