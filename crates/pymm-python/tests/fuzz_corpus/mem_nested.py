x = []
for i in range(10**7):
    x = [x, x]
