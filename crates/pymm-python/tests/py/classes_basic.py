# Classes: __init__, attributes, methods, class attributes, isinstance.
class Counter:
    created = 0

    def __init__(self, start=0):
        self.value = start
        Counter.created += 1

    def bump(self, by=1):
        self.value += by
        return self

    def get(self):
        return self.value

c = Counter()
c.bump().bump(5)
print("value:", c.get())
d = Counter(10)
print("another:", d.bump(2).value)
print("class attribute counts instances:", Counter.created)
print("read through an instance:", c.created)
c.created = 99
print("instance attribute shadows:", c.created, Counter.created)
print("isinstance:", isinstance(c, Counter), isinstance(5, Counter))
print("type name:", type(c).__name__)
print("bound method call equals function call:", Counter.get(c) == c.get())
print("hasattr:", hasattr(c, "value"), hasattr(c, "missing"))
setattr(c, "extra", [1])
print("getattr:", getattr(c, "extra"), getattr(c, "missing", "default"))
try:
    c.missing
except AttributeError as err:
    print("AttributeError:", err)
delattr(c, "extra")
print("after delattr:", hasattr(c, "extra"))
print("methods are functions on the class:", type(Counter.__dict__["bump"]).__name__)
