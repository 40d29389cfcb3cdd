# __iter__/__next__ and the old __getitem__ protocol.
class CountDown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

print(list(CountDown(5)))

class Span:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1

span = Span(4)
print(list(span), list(span))
print("sum:", sum(span), "in:", 3 in span, 9 in span)

class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i

print("getitem protocol:", list(Squares()))
for k, v in zip(Span(3), CountDown(3)):
    print("pair", k, v)
it = iter(Span(2))
print(next(it), next(it), next(it, "end"))
print("sorted:", sorted(CountDown(3)), "max:", max(Span(7)))
