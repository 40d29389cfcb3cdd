# Class attributes are shared by all instances until an instance assigns its own.
class Registry:
    entries = []
    count = 0

    def add(self, item):
        self.entries.append(item)
        self.count += 1

r1 = Registry()
r2 = Registry()
r1.add("x")
r2.add("y")
print("shared mutable list:", Registry.entries, r1.entries is r2.entries)
print("count is rebound per instance:", r1.count, r2.count, Registry.count)
Registry.count = 10
r3 = Registry()
print("new instances see the class value:", r3.count, "old ones keep theirs:", r1.count)

class Base:
    kind = "base"

    def describe(self):
        return self.kind

class Derived(Base):
    kind = "derived"

print("lookup follows the instance's class:", Base().describe(), Derived().describe())
Base.kind = "changed"
print("changing the base class:", Base().describe(), Derived().describe())
del Derived.kind
print("after deleting the override:", Derived().describe())
print("class attribute via type():", type(r1).count)
