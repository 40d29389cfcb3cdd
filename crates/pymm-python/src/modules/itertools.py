# pymm's itertools module, written in Python: lazy generators, as in CPython.

from _itertools import combinations_chunk as _combinations_chunk


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for item in iterable:
        yield item
        saved.append(item)
    while saved:
        for item in saved:
            yield item


def repeat(obj, times=None):
    if times is None:
        while True:
            yield obj
    else:
        for _ in range(times):
            yield obj


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for item in it:
        total = total + item if func is None else func(total, item)
        yield total


class chain:
    """Items of each iterable in turn."""

    def __init__(self, *iterables):
        self._items = _chained(iterables)

    @classmethod
    def from_iterable(cls, iterables):
        result = cls()
        result._items = _chained(iterables)
        return result

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._items)


def _chained(iterables):
    for iterable in iterables:
        for item in iterable:
            yield item


def compress(data, selectors):
    for item, keep in zip(data, selectors):
        if keep:
            yield item


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for item in it:
        if not predicate(item):
            yield item
            break
    for item in it:
        yield item


def takewhile(predicate, iterable):
    for item in iterable:
        if not predicate(item):
            return
        yield item


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for item in iterable:
        if not predicate(item):
            yield item


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def islice(iterable, *args):
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    else:
        start, stop, step = (list(args) + [None])[:3]
        start = 0 if start is None else start
        step = 1 if step is None else step
    if start < 0 or (stop is not None and stop < 0) or step <= 0:
        raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    # never takes an item past the last one selected (a caller may go on with the iterator,
    # as pickle's batching does), as CPython's islice_next
    it = iter(iterable)
    for _ in zip(range(start), it):
        pass
    if step == 1:
        if stop is None:
            yield from it
        else:
            for _, item in zip(range(start, stop), it):
                yield item
        return
    count = start
    while stop is None or count < stop:
        try:
            item = next(it)
        except StopIteration:
            return
        yield item
        wanted = count + step if stop is None else min(count + step, stop)
        for _ in zip(range(count + 1, wanted), it):
            pass
        count = wanted


def zip_longest(*iterables, fillvalue=None):
    iterators = [iter(it) for it in iterables]
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                active -= 1
                if not active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def pairwise(iterable):
    it = iter(iterable)
    try:
        previous = next(it)
    except StopIteration:
        return
    for item in it:
        yield previous, item
        previous = item


def groupby(iterable, key=None):
    # Each group is gathered before it is handed out (CPython's groups share the underlying
    # iterator instead, so a group left behind is emptied; the items seen are the same).
    keyfunc = (lambda x: x) if key is None else key
    it = iter(iterable)
    try:
        item = next(it)
    except StopIteration:
        return
    done = False
    while not done:
        group_key = keyfunc(item)
        group = [item]
        while True:
            try:
                item = next(it)
            except StopIteration:
                done = True
                break
            if keyfunc(item) != group_key:
                break
            group.append(item)
        yield group_key, iter(group)


def tee(iterable, n=2):
    items = list(iterable)
    return tuple(iter(items) for _ in range(n))


def product(*iterables, repeat=1):
    pools = [tuple(pool) for pool in iterables] * repeat
    if any(len(pool) == 0 for pool in pools):
        return
    indices = [0] * len(pools)
    while True:
        yield tuple(pool[i] for pool, i in zip(pools, indices))
        # advance the indices like an odometer, rightmost fastest
        for k in range(len(pools) - 1, -1, -1):
            indices[k] += 1
            if indices[k] < len(pools[k]):
                break
            indices[k] = 0
        else:
            return


def permutations(iterable, r=None):
    # CPython's algorithm (the itertools documentation's equivalent): each permutation is
    # made from the previous one, not picked out of the product, so that r of n items cost
    # n!/(n-r)! steps, not n**r
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def combinations(iterable, r):
    # CPython's algorithm: the next combination's indices from the previous one's, in
    # lexicographic order (C(n, r) steps), made natively a chunk at a time
    pool = tuple(iterable)
    if r > len(pool):
        return
    indices = tuple(range(r))
    while indices is not None:
        chunk, indices = _combinations_chunk(pool, indices, 256)
        yield from chunk


def combinations_with_replacement(iterable, r):
    # CPython's algorithm, as combinations' with indices that may repeat
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)