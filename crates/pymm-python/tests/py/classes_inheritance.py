# Single inheritance: overriding, super(), isinstance and issubclass.
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " says " + self.sound

    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"

    def kind(self):
        return "dog, a kind of " + super().kind()

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + " (age " + str(self.age) + ")"

p = Puppy("rex", 1)
print(p.speak())
print(p.kind())
print(Animal("generic").speak())
print("isinstance:", isinstance(p, Animal), isinstance(p, Dog), isinstance(Dog("d"), Puppy))
print("issubclass:", issubclass(Puppy, Animal), issubclass(Animal, Dog))
print("mro names:", [k.__name__ for k in Puppy.__mro__])
print("base:", Puppy.__bases__[0].__name__)
print("isinstance with a tuple:", isinstance(p, (int, Dog)))
print("everything is an object:", isinstance(p, object), issubclass(Puppy, object))
class Quiet(Dog):
    sound = ""
print(repr(Quiet("q").speak()))
