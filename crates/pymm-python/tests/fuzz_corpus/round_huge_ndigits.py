print(round(1.5, 10**10), round(2.5, -10**10))
