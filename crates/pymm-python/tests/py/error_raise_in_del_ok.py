# An exception inside __del__ is reported but does not stop the program; then a ValueError ends it.
class Bad:
    def __del__(self):
        raise RuntimeError("ignored in __del__")

b = Bad()
del b
print("still running after the error in __del__")
raise ValueError("the real error")
