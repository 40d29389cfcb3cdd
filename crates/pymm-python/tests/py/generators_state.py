# Generator objects keep their state between calls; exhausted ones stay exhausted.
def numbered(items):
    for index, item in enumerate(items):
        yield str(index) + ":" + item

g = numbered(["x", "y", "z"])
print(next(g))
print(next(g))
print(list(g))
print(list(g))

def windowed(seq, size):
    for start in range(len(seq) - size + 1):
        yield seq[start:start + size]

print(list(windowed([1, 2, 3, 4, 5], 3)))

def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out

def naturals():
    n = 0
    while True:
        yield n
        n += 1

print(take(5, naturals()))
gens = [numbered(["a"]) for _ in range(3)]
print([next(g) for g in gens])
def early_return(flag):
    yield 1
    if flag:
        return
    yield 2

print(list(early_return(True)), list(early_return(False)))
z = zip(naturals(), "abc")
print(list(z))
print(dict(enumerate(numbered(["p", "q"]))))
