# sqlite3: create_function and create_aggregate (Python called from SQL), their argument and
# result types, errors raised inside them, and a function that queries the same database.
import math
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("create table v (n, s, b)")
conn.executemany("insert into v values (?, ?, ?)",
                 [(i, "s%d" % i, bytes([i])) for i in range(5)] + [(None, None, None)])

conn.create_function("cos", 1, math.cos)
conn.create_function("twice", 1, lambda x: None if x is None else x * 2)
conn.create_function("kind", 1, lambda x: type(x).__name__)
conn.create_function("many", -1, lambda *args: len(args))
conn.create_function("const", 0, lambda: "k", deterministic=True)
print(conn.execute("select twice(n), twice(s), twice(b) from v").fetchall())
print(conn.execute("select cos(n) from v where n is not null").fetchall())
print(conn.execute("select kind(n), kind(s), kind(b), kind(1.5) from v limit 1").fetchall())
print(conn.execute("select many(), many(1), many(1, 2, 3), const()").fetchone())
print(conn.execute("select twice(n) from v where n is null").fetchone())
conn.create_function("twice", 1, lambda x: "replaced")
print(conn.execute("select twice(1)").fetchone())
conn.create_function("ret", 1, lambda x: x)
print(conn.execute("select ret(?), ret(?), ret(?), ret(?), ret(?)",
                   (1, 2.5, "t", b"b", None)).fetchone())
conn.create_function("flag", 0, lambda: True)
conn.create_function("big", 0, lambda: 2 ** 70)
conn.create_function("bad", 0, lambda: [1])
conn.create_function("boom", 1, lambda x: 1 / 0)


def attempt(label, sql):
    try:
        print(label, conn.execute(sql).fetchall())
    except sqlite3.Error as e:
        print(label, type(e).__name__, e)


attempt("bool", "select flag()")
attempt("too big", "select big()")
attempt("bad result", "select bad()")
attempt("raises", "select boom(n) from v")
attempt("wrong count", "select cos(1, 2)")


class Total:
    def __init__(self):
        self.total = 0

    def step(self, value):
        if value is not None:
            self.total += value

    def finalize(self):
        return self.total


class Concat:
    def __init__(self):
        self.parts = []

    def step(self, a, b):
        self.parts.append("%s=%s" % (a, b))

    def finalize(self):
        return ",".join(self.parts)


class StepFails:
    def step(self, value):
        raise ValueError(value)

    def finalize(self):
        return 0


class FinalizeFails:
    def step(self, value):
        pass

    def finalize(self):
        return {}.missing


class NoStep:
    def finalize(self):
        return 0


class RaisesInFinalize:
    def step(self, value):
        pass

    def finalize(self):
        raise ValueError


class InitFails:
    def __init__(self):
        raise RuntimeError


conn.create_aggregate("total", 1, Total)
conn.create_aggregate("concat", 2, Concat)
conn.create_aggregate("stepfails", 1, StepFails)
conn.create_aggregate("finalizefails", 1, FinalizeFails)
conn.create_aggregate("initfails", 1, InitFails)
conn.create_aggregate("nostep", 1, NoStep)
conn.create_aggregate("raisesinfinalize", 1, RaisesInFinalize)
attempt("total", "select total(n) from v")
attempt("no rows", "select total(n) from v where 0")
attempt("grouped", "select n % 2, total(n) from v where n is not null group by n % 2")
attempt("two args", "select concat(n, s) from v where n < 3")
attempt("step fails", "select stepfails(n) from v")
attempt("finalize fails", "select finalizefails(n) from v")
attempt("init fails", "select initfails(n) from v")
attempt("no step", "select nostep(n) from v")
attempt("raises in finalize", "select raisesinfinalize(n) from v")


# a function that runs another query on the same connection while the outer one steps
def count_below(n):
    return conn.execute("select count(*) from v where n < ?", (n,)).fetchone()[0]


conn.create_function("count_below", 1, count_below)
attempt("nested query", "select n, count_below(n) from v where n is not null")

# calls happen as rows are fetched, not all at execute time
seen = []
conn.create_function("note", 1, lambda x: seen.append(x) or x)
cur = conn.execute("select note(n) from v where n is not null")
print("after execute", seen)
cur.fetchone()
print("after one fetch", seen)
cur.fetchall()
print("after fetchall", seen)
conn.close()
