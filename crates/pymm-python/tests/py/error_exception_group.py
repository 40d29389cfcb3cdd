# An uncaught exception group ends the program with its tree on stderr.
def fail():
    raise ExceptionGroup("unhandled", [ValueError(1), ExceptionGroup("inner", [TypeError(2)])])


print("before")
try:
    fail()
except* ValueError:
    print("value errors handled")
