# An uncaught exception: traceback on stderr, last line "Type: message", exit code 1.
def divide(a, b):
    return a / b

print("before the error")
print(divide(1, 2))
print(divide(1, 0))
print("never printed")
