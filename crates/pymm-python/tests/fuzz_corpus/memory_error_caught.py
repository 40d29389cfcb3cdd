try:
    x = 'a' * 10**10
except MemoryError:
    print('caught MemoryError')
print('alive')
