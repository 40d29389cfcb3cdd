# A finished frame is kept whole and reused by a later call: its code, globals, frame object,
# cells, try blocks and class-body namespace must all be the new call's, never the old one's.
import sys


def own_frame():
    return sys._getframe(0)


def other_frame():
    return sys._getframe(0)


kept = own_frame()
print("first frame object:", kept.f_code.co_name)
# the frame `own_frame` ran in is now reused: it must get a new frame object
print("next frame object:", other_frame().f_code.co_name, "kept:", kept.f_code.co_name)
print("same object again:", own_frame() is kept)


def fails(tag):
    local_tag = tag
    raise KeyError(tag)


def traceback_names():
    names = []
    for tag in ("a", "b"):
        try:
            fails(tag)
        except KeyError as e:
            tb = e.__traceback__
            while tb.tb_next is not None:
                tb = tb.tb_next
            names.append((tb.tb_frame.f_code.co_name, tb.tb_frame.f_locals["local_tag"]))
    return names


print("tracebacks:", traceback_names())


def leaves_try_blocks(n):
    # returns from inside nested try blocks: the reused frame must start with none
    try:
        try:
            if n:
                return "inner"
        finally:
            pass
    except ValueError:
        return "handled"
    return "end"


def raises_plain():
    raise ValueError("not caught here")


print("try blocks:", leaves_try_blocks(1), leaves_try_blocks(0))
try:
    raises_plain()
except ValueError as e:
    print("plain raise after reuse:", e)


def make_counter(start):
    count = start

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


def no_cells(a, b):
    return sorted(locals().items())


c = make_counter(10)
print("cells:", c(), c(), "then a frame without cells:", no_cells(1, 2))
print("cells again:", make_counter(0)(), c())


class First:
    x = 1

    def method(self):
        return sorted(k for k in locals())


class Second:
    y = 2


print("class bodies:", sorted(k for k in vars(First) if not k.startswith("__")),
      sorted(k for k in vars(Second) if not k.startswith("__")))
print("function after class bodies:", First().method())


class FailingInit:
    def __init__(self, fail):
        if fail:
            raise RuntimeError("init failed")
        self.ok = True


class Plain:
    def __init__(self):
        self.v = 5


try:
    FailingInit(True)
except RuntimeError as e:
    print("init error:", e)
print("init after a failed one:", FailingInit(False).ok, Plain().v)


def gen_from_pool(n):
    total = 0
    for i in range(n):
        total += i
        yield total


g1 = gen_from_pool(3)
print("generator:", next(g1), list(gen_from_pool(4)), list(g1))


class Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value


class NotBool:
    def __bool__(self):
        return 1


print("truth:", [bool(Truth(True)), bool(Truth(False)), not Truth(False)])
print("if on bools:", [1 if x else 0 for x in (True, False, None, 0, 2, "", "s", [], [0])])
try:
    if NotBool():
        pass
except TypeError as e:
    print("TypeError:", e)
