é = 1
π = é + 1
print(π)
日本 = 'x'
print(日本)
