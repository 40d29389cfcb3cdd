# ExceptionGroup / BaseExceptionGroup (PEP 654): construction, split, subgroup, derive,
# except* and the printed tree.
import os
import sys
import traceback


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", r)


def report(e):
    # the printed tree, with the script's path cut to its name
    text = "".join(traceback.format_exception(e))
    print(text.replace(os.path.abspath(__file__), "SCRIPT").replace(__file__, "SCRIPT"), end="")


# construction and class selection
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2)])
print("type", type(eg).__name__, "str", str(eg), "repr", repr(eg))
print("message", eg.message, "exceptions", eg.exceptions, "args", eg.args)
print("mro", [c.__name__ for c in ExceptionGroup.__mro__])
print("issub", issubclass(ExceptionGroup, BaseExceptionGroup), issubclass(ExceptionGroup, Exception))
print("issub base", issubclass(BaseExceptionGroup, Exception), issubclass(BaseExceptionGroup, BaseException))
print("base picks", type(BaseExceptionGroup("m", [ValueError()])).__name__)
print("base stays", type(BaseExceptionGroup("m", [KeyboardInterrupt()])).__name__)
print("one", str(ExceptionGroup("one", (ValueError(),))))
print("tuple kept", ExceptionGroup("t", (ValueError(),)).args[1].__class__.__name__)
show("nest base", lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
show("not seq", lambda: ExceptionGroup("m", 3))
show("set", lambda: ExceptionGroup("m", {ValueError()}))
show("empty", lambda: ExceptionGroup("m", []))
show("not exc", lambda: ExceptionGroup("m", [ValueError(), 1]))
show("msg type", lambda: ExceptionGroup(3, [ValueError()]))
show("one arg", lambda: ExceptionGroup("m"))
show("three args", lambda: ExceptionGroup("m", [ValueError()], 3))
show("class item", lambda: ExceptionGroup[int].__origin__.__name__)


class MyEG(ExceptionGroup):
    pass


class MyBaseEG(BaseExceptionGroup):
    pass


class Both(Exception, BaseExceptionGroup):
    pass


m = MyEG("mine", [ValueError(1)])
print("subclass", type(m).__name__, isinstance(m, ExceptionGroup))
print("base subclass", type(MyBaseEG("b", [KeyboardInterrupt()])).__name__)
print("base subclass exc", type(MyBaseEG("b", [ValueError()])).__name__)
show("nest in subclass", lambda: Both("m", [KeyboardInterrupt()]))
show("nest in MyEG", lambda: MyEG("m", [KeyboardInterrupt()]))


class WithInit(ExceptionGroup):
    def __init__(self, message, excs, code):
        super().__init__(message, excs)
        self.code = code

    def __new__(cls, message, excs, code):
        self = super().__new__(cls, message, excs)
        return self

    def derive(self, excs):
        return WithInit(self.message, excs, self.code)


w = WithInit("w", [ValueError(1), TypeError(2)], 42)
print("init args", w.args, w.code)
match, rest = w.split(ValueError)
print("derived", type(match).__name__, match.code, match.exceptions, type(rest).__name__, rest.exceptions)

# split and subgroup
leaf1, leaf2, leaf3, leaf4 = ValueError(1), TypeError(2), ValueError(3), KeyError(4)
inner = ExceptionGroup("inner", [leaf3, leaf4])
outer = ExceptionGroup("outer", [leaf1, leaf2, inner])
try:
    raise outer
except ExceptionGroup as caught:
    pass
outer.__cause__ = RuntimeError("cause")
outer.__notes__ = ["a note"]
match, rest = outer.split(ValueError)
print("split match", repr(match))
print("split rest", repr(rest))
print("leaves kept", match.exceptions[0] is leaf1, match.exceptions[1].exceptions[0] is leaf3)
print("metadata", match.__traceback__ is outer.__traceback__, match.__cause__ is outer.__cause__,
      match.__notes__, match.__notes__ is outer.__notes__)
print("whole", outer.split(Exception)[0] is outer, outer.split(Exception)[1])
print("none", outer.split(OSError)[0], outer.split(OSError)[1] is outer)
print("tuple", repr(outer.split((TypeError, KeyError))[0]))
print("predicate", repr(outer.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] > 1)))
print("predicate group", outer.subgroup(lambda e: e is inner) is not None)
print("subgroup", repr(outer.subgroup(KeyError)), outer.subgroup(Exception) is outer)
print("subgroup none", outer.subgroup(OSError))
show("bad matcher", lambda: outer.split(3))
show("bad tuple", lambda: outer.subgroup((ValueError, 3)))
print("derive", repr(outer.derive([leaf2])), type(MyEG("x", [leaf1]).derive([leaf2])).__name__)


class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 42


show("bad derive", lambda: BadDerive("b", [ValueError(), TypeError()]).split(ValueError))

# except*
def star(exc, label):
    try:
        try:
            raise exc
        except* ValueError as e:
            print(label, "value", repr(e), repr(sys.exc_info()[1]))
        except* TypeError as e:
            print(label, "type", repr(e))
    except BaseException as left:
        print(label, "left", repr(left))
    else:
        print(label, "all handled")


star(ExceptionGroup("g", [ValueError(1), TypeError(2)]), "both")
star(ExceptionGroup("g", [ValueError(1), KeyError(2)]), "rest")
star(ValueError("naked"), "naked")
star(KeyError("naked"), "naked miss")
star(ExceptionGroup("g", [ExceptionGroup("n", [ValueError(1), OSError(3)]), TypeError(2)]), "nested")


def star_raises():
    try:
        try:
            raise ExceptionGroup("g", [ValueError(1), TypeError(2), KeyError(3)])
        except* ValueError:
            raise RuntimeError("from handler")
        except* TypeError:
            raise
    except ExceptionGroup as e:
        print("raised", repr(e))
        for sub in e.exceptions:
            print("  sub", repr(sub), "context", repr(sub.__context__))
        report(e)


star_raises()


def star_naked_raise():
    try:
        try:
            raise ValueError("v")
        except* ValueError as e:
            raise KeyError("k")
    except KeyError as e:
        print("naked handler raise", repr(e), repr(e.__context__))


star_naked_raise()


def star_bare_reraise():
    try:
        try:
            raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
        except* ValueError:
            raise
    except ExceptionGroup as e:
        print("bare reraise keeps", repr(e))


star_bare_reraise()


def star_name_cleared():
    try:
        raise ValueError(1)
    except* ValueError as e:
        pass
    try:
        e
    except NameError as ne:
        print("name cleared", ne)


star_name_cleared()


def star_else_finally():
    out = []
    try:
        out.append("body")
    except* ValueError:
        out.append("handler")
    else:
        out.append("else")
    finally:
        out.append("finally")
    try:
        raise ExceptionGroup("g", [ValueError()])
    except* ValueError:
        out.append("handler")
    else:
        out.append("else")
    finally:
        out.append("finally")
    print("flow", out)


star_else_finally()


def star_loop():
    # a loop inside the handler may break
    found = []
    for i in range(3):
        try:
            raise ExceptionGroup("g", [ValueError(i)])
        except* ValueError as e:
            for x in range(10):
                if x == 1:
                    break
                found.append((i, x))
    print("loop", found)


star_loop()


def star_bad_types():
    for t in (ExceptionGroup, (ValueError, ExceptionGroup), int, BaseExceptionGroup):
        try:
            try:
                raise ValueError(1)
            except* t:
                pass
        except TypeError as e:
            print("bad type", e)


star_bad_types()

for src in ("for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
            "for x in y:\n    try:\n        pass\n    except* E:\n        continue\n",
            "def f():\n    try:\n        pass\n    except* E:\n        return 1\n"):
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("syntax", e.msg, e.lineno)

# the printed tree
try:
    try:
        raise ValueError("first")
    except ValueError:
        raise ExceptionGroup("top", [TypeError("t"), ExceptionGroup("inner", [OSError(2, "os")]),
                                     KeyError("k")])
except ExceptionGroup as e:
    report(e)
report(ExceptionGroup("wide", [ValueError(i) for i in range(17)]))
deep = ValueError("leaf")
for i in range(12):
    deep = ExceptionGroup(f"level {i}", [deep])
report(deep)
print("format only", traceback.format_exception_only(ExceptionGroup("only", [ValueError()])))
