# a subclass of a built-in container iterates its items through the inherited __iter__,
# whatever __getitem__ it defines (CPython's tp_iter); only a class with neither
# __iter__ nor a container base iterates through __getitem__
class ML(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i) * 10
ml = ML([1, 2, 3])
print(list(ml), ml[0], [x for x in ml], sorted(ml), tuple(ml), min(ml), sum(ml))
class Forever(list):
    def __getitem__(self, i):
        return 5
print(list(Forever([7, 8])), Forever([7])[99])
class TL(tuple):
    def __getitem__(self, i):
        return "x"
print(list(TL((1, 2))), TL((1,))[0])
class DL(dict):
    def __getitem__(self, k):
        return 0
print(list(DL(a=1, b=2)), DL(a=1)["a"])
class SL(str):
    def __getitem__(self, i):
        return "?"
print(list(SL("ab")), SL("ab")[0])
class IntSeq(int):
    def __getitem__(self, i):
        if i >= self:
            raise IndexError(i)
        return i * i
print(list(IntSeq(4)))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i
print(list(Seq()))
class MI(list):
    def __iter__(self):
        return iter(["own"])
print(list(MI([1, 2])))
try:
    iter(int.__new__(type("I", (int,), {}), 3))
except TypeError as e:
    print("TypeError:", e)
