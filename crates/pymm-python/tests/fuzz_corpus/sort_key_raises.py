def k(x):
    raise ValueError(x)
try:
    sorted([3,1,2], key=k)
except ValueError as e:
    print('caught', e)
