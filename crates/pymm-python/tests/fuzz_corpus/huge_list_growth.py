x = []
while True:
    x.append([1, 2, 3])
