# A caught exception keeps its traceback, the frames in it, and their locals alive
# until the exception itself is released.
class Big:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)

def fail():
    payload = Big("payload")
    raise ValueError("failed with a local alive")

saved = None
try:
    fail()
except ValueError as err:
    saved = err
print("exception saved; the local is still alive")
print("traceback present:", saved.__traceback__ is not None)
print("releasing the exception")
saved = None
print("after release")

def handled():
    temp = Big("temp")
    try:
        raise KeyError("k")
    except KeyError:
        print("handled inside; the local lives until return")
    print("still inside")

handled()
print("after handled()")

try:
    fail()
except ValueError:
    print("not bound to a name")
print("the except block ended")
