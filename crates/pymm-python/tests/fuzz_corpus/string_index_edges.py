s = 'abc'
print(s[-10:10], s[::-10**20], s[10**20:])
try:
    s[10**20]
except IndexError as e:
    print(e)
