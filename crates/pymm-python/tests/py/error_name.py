# A NameError raised inside nested calls.
def outer():
    return inner()

def inner():
    return missing_variable + 1

print("calling")
outer()
