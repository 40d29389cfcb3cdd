# Frames are recycled between calls (value stacks, local slots and boxes of finished frames
# are kept for the next ones): nothing of a finished call may leak into the next one, and
# values a finished frame held are released when it returns, not when its buffers are reused.
import sys
import gc

gc.disable()


class Tracked:
    live = 0

    def __init__(self, name):
        self.name = name
        Tracked.live += 1

    def __del__(self):
        Tracked.live -= 1


def make_and_drop(n):
    a = Tracked("a")
    b = [Tracked("b%d" % i) for i in range(n)]
    return len(b) + (1 if a else 0)


print("made:", make_and_drop(5), "live after return:", Tracked.live)


def unbound_after_reuse(flag):
    if flag:
        x = 1
    return x


print("bound:", unbound_after_reuse(True))
try:
    unbound_after_reuse(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


# deeper than the pool keeps, twice, so frames are both fresh and reused
print("depth 300:", depth(300), "depth 300 again:", depth(300))


def many_locals(a, b, c):
    d, e, f, g, h = a + 1, b + 1, c + 1, a * b, b * c
    return [a, b, c, d, e, f, g, h]


def few_locals(a):
    return a


print("many:", many_locals(1, 2, 3), "few:", few_locals(9), "many:", many_locals(4, 5, 6))


class Finalized:
    def __del__(self):
        # runs while the frame that held it is torn down: calls must find frames to use
        print("  finalizer calls depth(20):", depth(20), "many:", many_locals(7, 8, 9)[-1])


def holds_finalized():
    keep = Finalized()
    return "returned"


print("holds:", holds_finalized())


def raises_with_locals():
    secret = Tracked("secret")
    raise ValueError("boom")


try:
    raises_with_locals()
except ValueError as e:
    # the traceback holds the finished frame, and the frame its locals
    print("while the exception lives, its frame's locals do:", Tracked.live)
print("live after the traceback went:", Tracked.live)


def closure_over_param(x):
    def inner():
        return x * 2

    x += 1
    return inner


print("closure:", closure_over_param(10)(), closure_over_param(20)())


def gen(n):
    for i in range(n):
        yield i * i


print("generator:", list(gen(5)), sum(gen(10)))


def caller_name():
    return sys._getframe(1).f_code.co_name


def outer_function():
    return caller_name()


print("getframe:", outer_function(), outer_function())


def with_defaults(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw))


print("defaults:", with_defaults(1), with_defaults(1, 5, 6, c=7, d=8), few_locals(0))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx):
        return Point(self.x + dx, self.y)


p = Point(1, 2)
for _ in range(100):
    p = p.moved(1)
print("method calls:", p.x, p.y)

sys.setrecursionlimit(150)
try:
    depth(1000)
except RecursionError as e:
    print("RecursionError:", e)
print("after recursion error:", depth(50))
