# abc: abstract methods keep a class from being instantiated until a subclass defines them.
from abc import ABC, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    @abstractmethod
    def perimeter(self):
        ...
    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"

class HalfDone(Shape):
    def area(self):
        return 0

class Square(HalfDone):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side ** 2
    def perimeter(self):
        return 4 * self.side

for cls in (Shape, HalfDone):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
sq = Square(3)
print(sq.describe(), sq.perimeter(), isinstance(sq, Shape), sorted(Shape.__abstractmethods__))
print(sorted(HalfDone.__abstractmethods__), Square.__abstractmethods__ == frozenset())

class Plain(ABC):
    pass
print(type(Plain()).__name__)
