# An object is freed the moment its count reaches zero: __del__ runs at once.
class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)

    def __del__(self):
        print("free", self.name)

a = Noisy("a")
b = a
print("del a")
del a
print("del b")
del b
print("after del b")
c = Noisy("c")
print("rebind c")
c = Noisy("d")
print("after rebinding")
items = [Noisy("e"), Noisy("f")]
print("clear the list")
items.clear()
print("after clear")

def scope():
    local = Noisy("local")
    print("leaving scope")

scope()
print("after scope")
Noisy("temporary")
print("after temporary")
c = None
print("end")
