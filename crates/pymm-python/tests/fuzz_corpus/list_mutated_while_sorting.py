a = list(range(100))
def key(v):
    a.clear()
    return v
a.sort(key=key)
print(len(a))
