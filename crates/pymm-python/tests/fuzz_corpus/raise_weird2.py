try:
    raise
except RuntimeError as e:
    print(e)
raise StopIteration
