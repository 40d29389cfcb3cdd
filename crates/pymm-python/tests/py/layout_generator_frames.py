# Generator frames stored in the generator between resumptions: locals, value stack and
# try blocks kept across yields (growing past what the first suspension needed), gi_frame,
# gi_running, gi_suspended, gi_code, throw/close, tracebacks and sys._getframe from
# suspended frames, and generators in cycles collected.
import gc
import sys


def deep(n):
    total = 0
    for i in range(n):
        for j in range(2):
            try:
                with Ctx("c%d" % i):
                    got = yield (i, j, total)
                    total += got or 0
            finally:
                pass
    return total


class Ctx:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is KeyError:
            print("  exit", self.name, exc[0].__name__)
        return False


g = deep(3)
print(g.gi_code.co_name, g.gi_running, g.gi_suspended, g.gi_frame is not None)
print(next(g))
print(g.send(10), g.gi_suspended)
print(g.send(5))
try:
    g.throw(KeyError("boom"))
except KeyError as err:
    print("thrown out:", repr(err), g.gi_frame, g.gi_suspended)


def stack_at_yield():
    # Values waiting on the stack while suspended: a call's arguments and a list display.
    out = [1, 2, (yield "first"), 4, [5, (yield "second"), 7]]
    yield out


s = stack_at_yield()
print(next(s), s.send(3), s.send(6))


def many_locals(x):
    a, b, c, d, e, f, g, h = range(8)
    yield a + b + c + d
    i, j, k, l = x, x * 2, x * 3, x * 4
    yield e + f + g + h + i + j + k + l
    yield sorted(k for k in locals())


m = many_locals(1)
print(list(m))


def running_check():
    yield me.gi_running
    yield sys._getframe().f_code.co_name


me = running_check()


def caller():
    out = []
    for value in me:
        out.append(value)
    return out


print(caller())


def fails_later():
    yield 1
    yield 2
    raise ValueError("late")


f = fails_later()
next(f)
frame = f.gi_frame
print(frame.f_code.co_name, frame.f_lineno)
next(f)
print(f.gi_frame.f_lineno)
try:
    next(f)
except ValueError:
    tb = sys.exc_info()[2]
    entries = []
    while tb is not None:
        entries.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno))
        tb = tb.tb_next
    print(entries)
print(f.gi_frame)


def handles():
    try:
        raise IndexError("inside")
    except IndexError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


h = handles()
print(next(h), sys.exc_info()[0], next(h), next(h))


def closing():
    try:
        yield 1
        yield 2
    finally:
        print("  finally ran")


c = closing()
next(c)
c.close()
print("closed:", c.gi_frame, c.gi_suspended)
c.close()
unstarted = closing()
unstarted.close()
print("unstarted closed:", unstarted.gi_frame)


def delegating():
    got = yield from closing()
    return got


d = delegating()
print(next(d), d.gi_yieldfrom.gi_code.co_name)
del d
gc.collect()

# A generator that refers to itself through a local: a cycle, collected; its finally runs.
deaths = []


class Mortal:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        deaths.append(self.name)


def selfish(name):
    token = Mortal(name)
    me = yield
    try:
        yield me
    finally:
        deaths.append("finally " + name)


gc.collect()
for i in range(3):
    x = selfish("s%d" % i)
    next(x)
    x.send(x)
    del x
gc.collect()
print("self cycles:", sorted(deaths))
deaths.clear()


# Generators holding each other in a cycle through their frames.
def holder(name):
    token = Mortal(name)
    other = yield
    yield other


a, b = holder("a"), holder("b")
next(a)
next(b)
a.send(b)
b.send(a)
del a, b
gc.collect()
print("pair:", sorted(deaths))

# Many suspended generators, each with its own values.
gens = [deep(2) for _ in range(100)]
firsts = [next(x) for x in gens]
print(len(firsts), sum(x.send(i) [2] for i, x in enumerate(gens)))
print(sys.getsizeof(gens[0]) > 0)
for x in gens:
    x.close()
print([x.gi_frame for x in gens[:2]])
