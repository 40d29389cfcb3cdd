a, *b, c = range(10**6)
print(len(b))
*x, = 'abc'
print(x)
