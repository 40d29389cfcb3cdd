def f(n):
    if n == 0:
        raise ValueError
    f(n - 1)
for i in range(100):
    try:
        f(900)
    except ValueError as e:
        err = e
print('ok')
