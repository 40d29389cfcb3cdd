# printf-style formatting with subclasses of dict and tuple, and bytearray.extend's errors.
class D(dict):
    def __missing__(self, key):
        return "<" + key + ">"


class G(dict):
    def __getitem__(self, key):
        return key.upper()


class T(tuple):
    pass


class S(str):
    pass


d = D(a=1)
print("missing", "%(a)s %(b)s" % d)
print("missing repr", "%(a)r %(zz)r" % d)
print("getitem", "%(x)s-%(y)s" % G())
print("tuple subclass", "%s+%s" % T((1, 2)))
print("str subclass fmt", type(S("%s") % 3).__name__, S("%s!") % 3)
print("bytes key", b"%(a)s" % D({b"a": b"v"}))
print("plain dict", "%(a)s" % {"a": 5})
try:
    "%(nope)s" % {"a": 5}
except KeyError as e:
    print("plain missing KeyError", e)


class NoMissing(dict):
    pass


try:
    "%(nope)s" % NoMissing()
except KeyError as e:
    print("subclass without __missing__ KeyError", e)

for bad in (3, 3.5, None, object()):
    try:
        bytearray(b"x").extend(bad)
    except TypeError as e:
        print("extend", type(bad).__name__, e)
try:
    bytearray().extend([1, "a"])
except TypeError as e:
    print("extend item", e)
try:
    bytearray().extend([1, 300])
except ValueError as e:
    print("extend range", e)


def gen_fails():
    yield 1
    raise TypeError("from the generator")


try:
    bytearray().extend(gen_fails())
except TypeError as e:
    print("extend generator error kept", e)
b = bytearray(b"ab")
b.extend(b"cd")
b.extend(memoryview(b"ef"))
b.extend(x for x in (103, 104))
b.extend(b)
print("extended", b)
