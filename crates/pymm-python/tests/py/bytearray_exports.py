# A bytearray exported by a memoryview cannot change size (BufferError), as long as the view
# lives unreleased; same-size writes are allowed.
import gc


def attempt(label, b, f):
    try:
        f(b)
    except BufferError as e:
        print(label, "BufferError", e, bytes(b))
    else:
        print(label, "ok", bytes(b))


RESIZES = [
    ("append", lambda b: b.append(1)),
    ("extend", lambda b: b.extend(b"xy")),
    ("extend iter", lambda b: b.extend(iter([1, 2]))),
    ("extend self", lambda b: b.extend(b)),
    ("insert", lambda b: b.insert(0, 1)),
    ("pop", lambda b: b.pop()),
    ("remove", lambda b: b.remove(ord("a"))),
    ("clear", lambda b: b.clear()),
    ("iadd", lambda b: b.__iadd__(b"z")),
    ("imul", lambda b: b.__imul__(2)),
    ("del slice", lambda b: b.__delitem__(slice(0, 1))),
    ("del index", lambda b: b.__delitem__(0)),
    ("grow slice", lambda b: b.__setitem__(slice(0, 1), b"xyz")),
    ("shrink slice", lambda b: b.__setitem__(slice(0, 2), b"")),
    ("step slice del", lambda b: b.__delitem__(slice(None, None, 2))),
    ("init", lambda b: b.__init__(b"new")),
]
SAME_SIZE = [
    ("index set", lambda b: b.__setitem__(0, 65)),
    ("same slice", lambda b: b.__setitem__(slice(0, 2), b"AB")),
    ("step slice set", lambda b: b.__setitem__(slice(None, None, 2), b"QQ")),
    ("extend empty", lambda b: b.extend(b"")),
    ("extend empty iter", lambda b: b.extend([])),
    ("reverse", lambda b: b.reverse()),
    ("imul 1", lambda b: b.__imul__(1)),
]

for label, f in RESIZES + SAME_SIZE:
    b = bytearray(b"abc")
    m = memoryview(b)
    attempt(label, b, f)
    m.release()
    attempt(label + " after release", b, f)

# empty bytearray: clear() does not resize
b = bytearray()
m = memoryview(b)
attempt("clear empty", b, lambda b: b.clear())
del m

# the view's death ends the export
b = bytearray(b"abc")
m = memoryview(b)
del m
attempt("after del", b, lambda b: b.append(1))


def make_view(b):
    return memoryview(b)[1:]


b = bytearray(b"abc")
v = make_view(b)
attempt("slice of view", b, lambda b: b.append(1))
v.release()
attempt("slice released", b, lambda b: b.append(1))

# with-statement releases
b = bytearray(b"abc")
with memoryview(b) as m:
    attempt("inside with", b, lambda b: b.append(1))
attempt("after with", b, lambda b: b.append(1))

# two views: both must go
b = bytearray(b"abc")
m1 = memoryview(b)
m2 = memoryview(m1)
m1.release()
attempt("one of two released", b, lambda b: b.append(1))
m2.release()
attempt("both released", b, lambda b: b.append(1))

# a view kept alive only by a cycle: locked until the collector frees it
gc.disable()
b = bytearray(b"abc")


class Holder:
    pass


h = Holder()
h.view = memoryview(b)
h.me = h
del h
attempt("cycle alive", b, lambda b: b.append(1))
gc.collect()
attempt("cycle collected", b, lambda b: b.append(1))
gc.enable()

# readonly view and cast also export
b = bytearray(b"abcd")
r = memoryview(b).toreadonly()
attempt("readonly view", b, lambda b: b.pop())
del r
c = memoryview(b).cast("B")
attempt("cast view", b, lambda b: b.pop())
del c
attempt("all gone", b, lambda b: b.pop())


# a subclass exports as well
class B(bytearray):
    pass


s = B(b"sub")
m = memoryview(s)
attempt("subclass", s, lambda b: b.append(1))
m.release()
attempt("subclass released", s, lambda b: b.append(1))
try:
    raise BufferError("custom")
except BufferError as e:
    print("BufferError is", BufferError.__mro__[1].__name__, e)
