# set_authorizer, set_progress_handler, set_trace_callback, create_collation,
# create_window_function, and enable_callback_tracebacks (through sys.unraisablehook)
import sqlite3
import sys

con = sqlite3.connect(":memory:", isolation_level=None)
con.execute("create table t (x, y)")
con.executemany("insert into t values (?, ?)", [(i, str(i) * 2) for i in range(1, 6)])

# the authorizer
calls = []


def authorizer(action, arg1, arg2, dbname, source):
    calls.append((action, arg1, arg2, dbname, source))
    if action == sqlite3.SQLITE_READ and arg2 == "y":
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and arg2 == "x" and arg1 == "hidden":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


con.set_authorizer(authorizer)
print(con.execute("select x from t where x < 3").fetchall())
print(calls)
try:
    con.execute("select y from t")
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
con.execute("create table hidden (x)")
con.execute("insert into hidden values (1)")
print(con.execute("select x from hidden").fetchall())
con.set_authorizer(lambda *args: "not an int")
try:
    con.execute("select 1")
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
con.set_authorizer(None)
print(con.execute("select y from t limit 1").fetchall())

# the progress handler
ticks = []
con.set_progress_handler(lambda: ticks.append(1), 1)
con.execute("select count(*) from t").fetchall()
print(len(ticks) > 0)
con.set_progress_handler(lambda: 1, 1)
try:
    con.execute("select count(*) from t")
except sqlite3.OperationalError as e:
    print(type(e).__name__, e)
con.set_progress_handler(None, 1)
print(con.execute("select count(*) from t").fetchone())

# the trace callback sees each statement, with its parameters expanded
traced = []
con.set_trace_callback(traced.append)
con.execute("select x from t where x = ? and y = ?", (2, "22")).fetchall()
con.executescript("create table u (a); drop table u;")
con.set_trace_callback(None)
con.execute("select 1")
print(traced)

# collations
def backwards(a, b):
    return (a < b) - (a > b)


con.create_collation("backwards", backwards)
print(con.execute("select y from t order by y collate backwards").fetchall())
con.create_collation("backwards", None)
try:
    con.execute("select y from t order by y collate backwards")
except sqlite3.OperationalError as e:
    print(type(e).__name__, e)
# an exception in a collation comes out of the statement, whatever enable_callback_tracebacks
con.create_collation("failing", lambda a, b: 1 / 0)
for enabled in (False, True):
    sqlite3.enable_callback_tracebacks(enabled)
    try:
        con.execute("select y from t order by y collate failing").fetchall()
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
sqlite3.enable_callback_tracebacks(False)
for bad in ((1, backwards), ("c", 1)):
    try:
        con.create_collation(*bad)
    except TypeError as e:
        print("TypeError", e)

# window functions
class WindowSum:
    def __init__(self):
        self.total = 0

    def step(self, value):
        self.total += value

    def inverse(self, value):
        self.total -= value

    def value(self):
        return self.total

    def finalize(self):
        return self.total


con.create_window_function("winsum", 1, WindowSum)
print(con.execute("""select x, winsum(x) over (order by x rows between 1 preceding and
                     1 following) from t order by x""").fetchall())
print(con.execute("select winsum(x) from t").fetchall())


class NoInverse:
    def step(self, value):
        pass

    def value(self):
        return 0

    def finalize(self):
        return 0


con.create_window_function("noinv", 1, NoInverse)
try:
    con.execute("select noinv(x) over (order by x rows between 1 preceding and current row) "
                "from t").fetchall()
except sqlite3.OperationalError as e:
    print(type(e).__name__, e)
con.create_window_function("winsum", 1, None)
try:
    con.execute("select winsum(x) from t")
except sqlite3.OperationalError as e:
    print(type(e).__name__, e)

# callback tracebacks: dropped by default, given to sys.unraisablehook when enabled
def hook(args):
    print("unraisable:", args.exc_type.__name__, args.exc_value, args.err_msg,
          args.object.__name__)


sys.unraisablehook = hook


def failing(*args):
    raise ValueError("boom")


con.create_function("failing", 1, failing)
for enabled in (False, True):
    sqlite3.enable_callback_tracebacks(enabled)
    try:
        con.execute("select failing(1)")
    except sqlite3.OperationalError as e:
        print(type(e).__name__, e)
    con.set_authorizer(failing)
    try:
        con.execute("select 1")
    except sqlite3.DatabaseError as e:
        print(type(e).__name__, e)
    con.set_authorizer(None)
    con.set_progress_handler(failing, 1)
    try:
        con.execute("select 1")
    except sqlite3.OperationalError as e:
        print(type(e).__name__, e)
    con.set_progress_handler(None, 1)
    con.set_trace_callback(failing)
    con.execute("select 2")
    con.set_trace_callback(None)
sqlite3.enable_callback_tracebacks(False)
