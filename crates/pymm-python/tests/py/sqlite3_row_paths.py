# The per-row paths of sqlite3: an aggregate's step called with the row's values (several
# arguments, NULLs, a step that is a staticmethod, a callable attribute of the instance, a
# __getattr__ that supplies it, one that raises), a window function's inverse, and the
# checks every execute and fetched row makes (closed cursor, closed connection, a cursor
# used from inside its own row callback).
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("create table t (a, b)")
conn.executemany("insert into t values (?, ?)", [(i, None if i % 3 == 0 else str(i)) for i in range(12)])


def attempt(label, sql, *args):
    try:
        print(label, conn.execute(sql, *args).fetchall())
    except Exception as e:
        print(label, type(e).__name__, e)


class Pairs:
    def __init__(self):
        self.seen = []

    def step(self, a, b):
        self.seen.append((a, b))

    def finalize(self):
        return repr(self.seen[:4]) + f" {len(self.seen)}"


class Static:
    count = 0

    @staticmethod
    def step(value):
        Static.count += 1

    def finalize(self):
        return Static.count


class OnInstance:
    def __init__(self):
        self.total = 0
        self.step = self.add

    def add(self, value):
        self.total += value

    def finalize(self):
        return self.total


class Dynamic:
    def __init__(self):
        self.n = 0

    def __getattr__(self, name):
        if name == "step":
            return lambda value: setattr(self, "n", self.n + 1)
        raise AttributeError(name)

    def finalize(self):
        return self.n


class Raises:
    def __getattr__(self, name):
        raise KeyError(name)

    def finalize(self):
        return 0


class Window:
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


class NoInverse(Window):
    inverse = None


conn.create_aggregate("pairs", 2, Pairs)
conn.create_aggregate("static", 1, Static)
conn.create_aggregate("oninstance", 1, OnInstance)
conn.create_aggregate("dynamic", 1, Dynamic)
conn.create_aggregate("raises", 1, Raises)
attempt("pairs", "select pairs(a, b) from t")
attempt("static", "select static(a) from t")
attempt("on instance", "select oninstance(a) from t")
attempt("dynamic", "select dynamic(a) from t")
attempt("raises", "select raises(a) from t")
if sqlite3.sqlite_version_info >= (3, 25, 0):
    conn.create_window_function("win", 1, Window)
    conn.create_window_function("noinverse", 1, NoInverse)
    attempt("window", "select a, win(a) over (order by a rows between 1 preceding and current row) from t")
    attempt("no inverse", "select win(a) over (order by a rows between 1 preceding and current row), "
            "noinverse(a) over (order by a rows between 1 preceding and current row) from t")

cur = conn.execute("select a from t")
print("first", next(cur))
cur.close()
try:
    next(cur)
except Exception as e:
    print("closed cursor", type(e).__name__, e)
try:
    cur.execute("select 1")
except Exception as e:
    print("closed cursor execute", type(e).__name__, e)

inner = conn.cursor()


def reenter(x):
    try:
        inner.execute("select 1")
        return "ran"
    except Exception as e:
        return type(e).__name__


conn.create_function("reenter", 1, reenter)
print("function using another cursor", inner.execute("select reenter(1)").fetchall())
cur = conn.execute("select a from t")
print("rows", [r[0] for r in cur][:5])
cur2 = conn.execute("select a from t")
next(cur2)
conn.close()
for label, f in [("closed conn next", lambda: next(cur2)), ("closed conn cursor", conn.cursor),
                 ("closed conn execute", lambda: cur2.execute("select 1"))]:
    try:
        f()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


class StepRaisesAttributeError:
    def step(self, value):
        raise AttributeError("inside step")

    def finalize(self):
        return 0


conn = sqlite3.connect(":memory:")
conn.execute("create table t (a)")
conn.execute("insert into t values (1)")
conn.create_aggregate("attrerr", 1, StepRaisesAttributeError)
attempt("attribute error inside step", "select attrerr(a) from t")
