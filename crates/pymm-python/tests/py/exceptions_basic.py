# try/except/else/finally and the order they run in.
def attempt(x):
    steps = []
    try:
        steps.append("try")
        result = 10 // x
    except ZeroDivisionError as err:
        steps.append("except " + type(err).__name__)
        result = None
    else:
        steps.append("else")
    finally:
        steps.append("finally")
    return result, steps

print(attempt(2))
print(attempt(0))

def finally_overrides():
    try:
        return "from try"
    finally:
        print("finally runs before the return completes")

print(finally_overrides())
for exc in (KeyError("k"), IndexError(1), ValueError("v"), TypeError("t")):
    try:
        raise exc
    except (KeyError, IndexError) as err:
        print("lookup error:", type(err).__name__, isinstance(err, LookupError))
    except Exception as err:
        print("other:", type(err).__name__, err)
try:
    [][5]
except IndexError as err:
    print("index:", err)
try:
    {}["missing"]
except KeyError as err:
    print("key:", err, repr(err))
try:
    int("abc")
except ValueError as err:
    print("value:", err)
try:
    None.attribute
except AttributeError as err:
    print("attribute:", err)
print("args:", ValueError("a", 2).args)
