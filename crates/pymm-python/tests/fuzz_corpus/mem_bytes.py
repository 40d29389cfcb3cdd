b = bytes(10**10)
