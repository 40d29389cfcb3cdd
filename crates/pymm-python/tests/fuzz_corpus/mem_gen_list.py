l = list(range(10**9))
