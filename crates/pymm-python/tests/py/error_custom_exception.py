# A user-defined exception escapes to the top level.
class PoolExhausted(Exception):
    pass

def allocate(n):
    if n > 3:
        raise PoolExhausted("no free block for request " + str(n))
    return n

for i in range(10):
    print("allocated", allocate(i))
