def f(*a, **k):
    return len(a), len(k)
print(f(*range(100000), **{str(i): i for i in range(1000)}))
