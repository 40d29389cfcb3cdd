g = (x for x in range(1))
for i in range(100000):
    g = (x for x in g)
try:
    print(list(g))
except RecursionError:
    print('rec')
