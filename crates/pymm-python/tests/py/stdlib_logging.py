# logging: the logger hierarchy, levels, handlers, %-style and {}-style formats, filters,
# exceptions in records, basicConfig and the module functions.
import io
import logging
import sys

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s|%(name)s|%(message)s|%(funcName)s"))
app = logging.getLogger("app")
app.addHandler(handler)
app.setLevel(logging.INFO)
app.propagate = False
child = logging.getLogger("app.db")
print("hierarchy:", child.parent is app, logging.getLogger("app") is app, child.name)
print("effective level:", child.getEffectiveLevel(), child.isEnabledFor(logging.DEBUG))


def work():
    child.debug("hidden")
    child.info("connected to %s:%d", "db", 5432)
    app.warning("low disk: %(pct)d%%", {"pct": 7})
    child.error("failed")


work()
print(stream.getvalue(), end="")
print("levels:", logging.getLevelName(logging.WARNING), logging.getLevelName(15),
      logging.getLevelName("ERROR"), logging.CRITICAL, logging.FATAL, logging.WARN)
logging.addLevelName(25, "NOTICE")
print("added level:", logging.getLevelName(25))

brace = io.StringIO()
h2 = logging.StreamHandler(brace)
h2.setFormatter(logging.Formatter("{levelname:>8} {name}: {message}", style="{"))
h2.setLevel(logging.WARNING)
other = logging.getLogger("other")
other.addHandler(h2)
other.propagate = False
other.setLevel(logging.DEBUG)
other.info("below the handler's level")
other.log(25, "notice %s", "here")
other.critical("stop")
print(brace.getvalue(), end="")


class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1


filtered = io.StringIO()
h3 = logging.StreamHandler(filtered)
h3.addFilter(OnlyOdd())
f = logging.getLogger("filtered")
f.addHandler(h3)
f.propagate = False
for i in range(5):
    f.warning("n=%d", i)
print("filtered:", filtered.getvalue().split())
name_filter = logging.Filter("app.db")
print("name filter:", bool(name_filter.filter(logging.makeLogRecord({"name": "app.db.x"}))),
      bool(name_filter.filter(logging.makeLogRecord({"name": "app.dbx"}))))

exc_stream = io.StringIO()
h4 = logging.StreamHandler(exc_stream)
h4.setFormatter(logging.Formatter("%(message)s"))
e = logging.getLogger("exc")
e.addHandler(h4)
e.propagate = False
try:
    1 / 0
except ZeroDivisionError:
    e.exception("division failed")
lines = exc_stream.getvalue().splitlines()
print("exception:", lines[0], "|", lines[1], "|", lines[-1])

record = logging.LogRecord("r", logging.INFO, "/x/mod.py", 12, "v=%s", ("a",), None)
print("record:", record.getMessage(), record.module, record.filename, record.lineno,
      record.levelname)
print("repr:", repr(app), repr(handler).startswith("<StreamHandler"), repr(record)[:25])
adapter = logging.LoggerAdapter(app, {"user": "ann"})
stream.truncate(0)
stream.seek(0)
adapter.info("via adapter")
print("adapter:", stream.getvalue(), end="")
app.removeHandler(handler)
print("handlers after remove:", app.handlers, app.hasHandlers())
logging.disable(logging.ERROR)
print("disabled:", app.isEnabledFor(logging.ERROR), app.isEnabledFor(logging.CRITICAL))
logging.disable(logging.NOTSET)

logging.basicConfig(stream=sys.stdout, level=logging.DEBUG,
                    format="%(levelname)s:%(name)s:%(message)s")
logging.debug("root debug %s", 1)
logging.info("root info")
logging.getLogger("x.y").warning("propagates to root")
logging.basicConfig(format="ignored: second call does nothing")
logging.error("still the first format")
print("root:", logging.getLogger() is logging.root, logging.root.level, len(logging.root.handlers))
