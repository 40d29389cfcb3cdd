# User-defined exception classes, hierarchies, re-raising and chaining.
class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, name):
        super().__init__("not found: " + name)
        self.name = name

def find(name):
    raise NotFound(name)

try:
    find("x")
except AppError as err:
    print("caught via base class:", type(err).__name__, err, err.name)

def wrap():
    try:
        find("y")
    except NotFound as err:
        raise RuntimeError("wrapped") from err

try:
    wrap()
except RuntimeError as err:
    print("cause:", type(err.__cause__).__name__, err.__cause__)

def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handling, then re-raising")
        raise

try:
    reraise()
except ZeroDivisionError as err:
    print("re-raised:", err)

try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as err:
    print("implicit context:", type(err.__context__).__name__)
print("issubclass:", issubclass(NotFound, Exception), issubclass(AppError, NotFound))
e = AppError("a", "b")
print("str of multi-arg:", str(e))
print("repr:", repr(NotFound("z")))
