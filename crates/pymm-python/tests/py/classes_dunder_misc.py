# More special methods: __setitem__, __delitem__, __iadd__, __radd__, __int__, comparisons.
class Store:
    def __init__(self):
        self.data = {}

    def __setitem__(self, key, value):
        self.data[key] = value * 2

    def __getitem__(self, key):
        return self.data[key]

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        return len(self.data)

s = Store()
s["a"] = 1
s["b"] = 5
print("setitem doubled:", s["a"], s["b"], len(s))
del s["a"]
print("after delitem:", len(s), "b" in s.data)

class Money:
    def __init__(self, cents):
        self.cents = cents

    def __iadd__(self, other):
        self.cents += other
        return self

    def __radd__(self, other):
        return Money(self.cents + other)

    def __le__(self, other):
        return self.cents <= other.cents

    def __int__(self):
        return self.cents // 100

m = Money(250)
same = m
m += 50
print("iadd mutates in place:", m is same, m.cents)
total = 7 + Money(100)
print("radd handles int + Money:", total.cents)
print("le:", Money(1) <= Money(2), Money(3) <= Money(2))
print("ge via reflected le:", Money(5) >= Money(2))
print("int():", int(Money(399)))
class Falsy:
    def __len__(self):
        return 0
print("len 0 is falsy:", bool(Falsy()), "yes" if Falsy() else "no")
