# contextlib (contextmanager, suppress, ExitStack, redirect_stdout, closing, nullcontext) and
# string (constants, capwords, Template, Formatter).
import string
import sys
from contextlib import (ExitStack, closing, contextmanager, nullcontext, redirect_stdout,
                        suppress)

log = []


@contextmanager
def tag(name):
    log.append("<" + name)
    try:
        yield name.upper()
    finally:
        log.append(name + ">")


with tag("a") as t:
    log.append(t)
print(log)
try:
    with tag("b"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated:", e, log[-1])


@contextmanager
def swallow():
    try:
        yield
    except KeyError:
        log.append("swallowed")


with swallow():
    raise KeyError("k")
print(log[-1])


@tag("deco")
def decorated():
    log.append("body")


decorated()
print(log[-3:])
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
with nullcontext(5) as five:
    print("nullcontext:", five)


class Res:
    def __init__(self, name):
        self.name = name

    def close(self):
        log.append("closed " + self.name)

    def __enter__(self):
        log.append("enter " + self.name)
        return self

    def __exit__(self, *exc):
        log.append("exit " + self.name)
        return False


with closing(Res("c")) as r:
    pass
print(log[-1])
with ExitStack() as stack:
    for n in "xyz":
        stack.enter_context(Res(n))
    stack.callback(log.append, "callback")
print(log[-7:])


class Buffer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


buf = Buffer()
with redirect_stdout(buf):
    print("captured line")
print("redirected:", buf.parts)

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords("hello   big world"), string.capwords("a-b-c", "-"))
tpl = string.Template("$who likes ${what}; $$5")
print(tpl.substitute(who="tim", what="kung pao"), tpl.substitute({"who": "x", "what": "y"}))
print(string.Template("$who and $missing").safe_substitute(who="a"))
print(tpl.get_identifiers(), tpl.is_valid(), string.Template("$").is_valid())
try:
    string.Template("$who").substitute()
except KeyError as e:
    print("KeyError:", e)
try:
    string.Template("x\n $1").substitute()
except ValueError as e:
    print("ValueError:", e)
f = string.Formatter()
print(f.format("{0}-{1!r}-{name:>5}|{x[0]}.{p.real}", "a", "b", name="n", x=[9], p=3))
print(list(f.parse("a{0!r:>3}b{}")))
