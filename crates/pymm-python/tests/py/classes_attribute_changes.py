# Class attributes changed after they were looked up: every read sees the change (through
# bases, deletion, classes made again at the same place, and finalizers that read them).
import gc

class Base:
    def who(self):
        return "base"
    size = 1

class Child(Base):
    pass

c = Child()
print(c.who(), c.size, Child.size)
Base.size = 2
print(c.size, Child.size)
Base.who = lambda self: "patched"
print(c.who())
Child.who = lambda self: "child"
print(c.who())
del Child.who
print(c.who())
del Base.size
print(hasattr(c, "size"), getattr(Child, "size", "gone"))

def make(i):
    class K:
        tag = i
        def get(self):
            return self.tag
    return K

seen = []
for i in range(200):
    k = make(i)
    seen.append(k().get())
    del k
    if i % 50 == 0:
        gc.collect()
print(seen == list(range(200)))

class Noisy:
    label = "first"
    def __del__(self):
        print("finalizer reads", type(Holder.value).__name__, Noisy.label)

class Holder:
    value = Noisy()

Holder.value = "plain"
print(Holder.value)
