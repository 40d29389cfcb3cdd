# finally with break, continue and nested handlers; with statements.
log = []
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        log.append("body " + str(i))
    finally:
        log.append("finally " + str(i))
print(log)

def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as err:
        print("outer caught:", err)
    finally:
        print("outer finally")

nested()

class Managed:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None)
        return self.swallow

with Managed("a") as value:
    print("inside with:", value)
with Managed("b", swallow=True):
    raise KeyError("swallowed")
print("after swallowing")
try:
    with Managed("c"):
        raise IndexError("propagates")
except IndexError as err:
    print("propagated:", err)
with Managed("x") as x, Managed("y") as y:
    print("two managers:", x, y)
