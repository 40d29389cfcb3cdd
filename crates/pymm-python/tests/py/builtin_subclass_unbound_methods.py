# The methods of list, tuple, str, dict and set called unbound (list.append(x, v)) on
# instances of their subclasses, and list methods given such instances.
class L(list):
    def add(self, v):
        super().append(v)
        list.append(self, v)
        self.append(v)
l = L()
l.add(L([1]))
print(l, [type(v).__name__ for v in l])
a = []
list.append(a, L([2]))
m = a.append
m(L([3]))
print(a)
k = L()
k.append(L([4]))
k.append(k)
print(len(k), k[0])
class L(list): pass
class D(dict): pass
class S(set): pass
class T(tuple): pass
class I(int): pass
class F(float): pass
class St(str): pass
checks = [
    ("list.append", lambda: (list.append(L(), 1))),
    ("list.extend", lambda: list.extend(L(), [1])),
    ("list.__len__", lambda: list.__len__(L([1, 2]))),
    ("dict.get", lambda: dict.get(D(a=1), "a")),
    ("set.add", lambda: set.add(S(), 1)),
    ("tuple.count", lambda: tuple.count(T((1, 1)), 1)),
    ("int.bit_length", lambda: int.bit_length(I(5))),
    ("float.is_integer", lambda: float.is_integer(F(2.0))),
    ("str.upper", lambda: str.upper(St("ab"))),
]
for name, f in checks:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
class L(list):
    pass
a = []
x = L([1, 2])
a.append(x)
print(a, type(a[0]).__name__)
b = [0]
b.extend(L([3]))
b.insert(0, L())
print(b)
def f(*args):
    return args
print(f(*L([1, 2])), f(L([5])))
print(len(a), a.count(x), a.index(x))
