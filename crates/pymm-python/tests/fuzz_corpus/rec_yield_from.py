def g(n):
    if n:
        yield from g(n-1)
    else:
        yield 1
try:
    print(list(g(5000)))
except RecursionError:
    print('rec')
