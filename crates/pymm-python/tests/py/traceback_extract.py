# traceback's stack summaries: extract_tb, format_tb, format_list, extract_stack,
# FrameSummary and StackSummary, walk_tb, and format_exception with a traceback.
# (Every failing line here is a whole statement, so CPython 3.11 shows no column markers.)
import io
import os
import sys
import traceback

HERE = os.path.basename(__file__)


def clean(text):
    return text.replace(__file__, HERE)


def inner():
    raise ValueError("deep")


def middle():
    inner()


def recurse(n):
    if n == 0:
        raise KeyError("bottom")
    recurse(n - 1)


try:
    middle()
except ValueError as e:
    tb = e.__traceback__
    summary = traceback.extract_tb(tb)
    print(type(summary).__name__, len(summary))
    for fs in summary:
        print(os.path.basename(fs.filename), fs.lineno, fs.name, repr(fs.line), len(fs))
        print(clean(repr(fs)))
    print([fs.name for fs in traceback.extract_tb(tb, limit=2)])
    print([fs.name for fs in traceback.extract_tb(tb, limit=-1)])
    print(clean("".join(traceback.format_tb(tb))), end="")
    print(clean("".join(traceback.format_exception(type(e), e, tb))), end="")
    print(clean("".join(traceback.format_exception(e))), end="")
    print(traceback.format_exception_only(type(e), e))
    print([(os.path.basename(f.f_code.co_filename), n) for f, n in traceback.walk_tb(tb)])
    filename, lineno, name, line = summary[-1]
    print(lineno, name, line, summary[-1][2], summary[-1] == (filename, lineno, name, line))
    out = io.StringIO()
    traceback.print_tb(tb, file=out)
    print(clean(out.getvalue()), end="")
    print(clean("".join(traceback.format_list(summary))), end="")
    print(clean("".join(traceback.format_list([(__file__, 3, "made_up", "x = 1")]))), end="")

try:
    recurse(6)
except KeyError as e:
    print(clean("".join(traceback.format_tb(e.__traceback__))), end="")


def where():
    return traceback.extract_stack()


stack = where()
print([fs.name for fs in stack][-2:], stack[-1].line)
print(clean("".join(traceback.format_stack(sys._getframe()))), end="")
fs = traceback.FrameSummary("nofile.py", 4, "f", line="  spaced()  ")
print(fs.line, fs == ("nofile.py", 4, "f", "spaced()"), fs.locals)
print(traceback.FrameSummary("nofile.py", 4, "g").line == "")
print(traceback.StackSummary.from_list([("a.py", 1, "f", "pass")]).format())
