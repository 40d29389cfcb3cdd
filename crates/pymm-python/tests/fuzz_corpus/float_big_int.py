print(10**308 * 1.0)
try:
    print(10**309 * 1.0)
except OverflowError as e:
    print(e)
