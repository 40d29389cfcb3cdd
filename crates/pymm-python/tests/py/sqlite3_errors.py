# sqlite3's exception hierarchy and CPython's messages for bad SQL, bad parameters, closed
# objects and constraint failures.
import sqlite3

print([c.__name__ for c in sqlite3.OperationalError.__mro__])
print([c.__name__ for c in sqlite3.IntegrityError.__mro__])
print([c.__name__ for c in sqlite3.Warning.__mro__], sqlite3.InterfaceError.__bases__)
print(sqlite3.Error.__module__, sqlite3.Connection.__name__, sqlite3.Cursor.__module__)

conn = sqlite3.connect(":memory:")
conn.execute("create table t (a integer primary key, b text not null, c unique)")
conn.execute("insert into t values (1, 'x', 1)")


def attempt(label, f):
    try:
        result = f()
    except sqlite3.Error as e:
        print(label, type(e).__name__, e, getattr(e, "sqlite_errorcode", None),
              getattr(e, "sqlite_errorname", None))
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", result if not isinstance(result, sqlite3.Cursor) else "cursor")


attempt("syntax", lambda: conn.execute("selec 1"))
attempt("no table", lambda: conn.execute("select * from nosuch"))
attempt("no column", lambda: conn.execute("select nope from t"))
attempt("primary key", lambda: conn.execute("insert into t values (1, 'y', 2)"))
attempt("not null", lambda: conn.execute("insert into t values (2, null, 3)"))
attempt("unique", lambda: conn.execute("insert into t values (3, 'z', 1)"))
attempt("two statements", lambda: conn.execute("select 1; select 2"))
attempt("trailing semicolon", lambda: conn.execute("select 1;  -- done").fetchall())
attempt("null character", lambda: conn.execute("select 'a\x00'"))
attempt("too many", lambda: conn.execute("select ?", (1, 2)))
attempt("too few", lambda: conn.execute("select ?, ?", [1]))
attempt("a str as parameters", lambda: conn.execute("select ?", "ab"))
attempt("an int as parameters", lambda: conn.execute("select ?", 5))
attempt("missing name", lambda: conn.execute("select :a", {"b": 1}))
attempt("dict for qmark", lambda: conn.execute("select ?", {"a": 1}))
attempt("tuple for names", lambda: conn.execute("select :a", (7,)).fetchall())
attempt("unsupported type", lambda: conn.execute("select ?", ([1],)))
attempt("unsupported named", lambda: conn.execute("select :x", {"x": {}}))
attempt("int too big", lambda: conn.execute("select ?", (2 ** 63,)))
attempt("sql not str", lambda: conn.execute(5))
attempt("no sql", lambda: conn.execute())
attempt("executemany select", lambda: conn.executemany("select ?", [(1,)]))
attempt("executemany no args", lambda: conn.executemany("insert into t values (?, ?, ?)"))
attempt("no function", lambda: conn.execute("select nofunc(1)"))
attempt("isolation level", lambda: sqlite3.connect(":memory:", isolation_level="SOMETIMES"))
attempt("isolation type", lambda: setattr(conn, "isolation_level", 3))
attempt("readonly rowcount", lambda: setattr(conn.cursor(), "rowcount", 3))
attempt("cannot open", lambda: sqlite3.connect("/nonexistent-dir/x.db"))


class Missing(dict):
    def __missing__(self, key):
        return key.upper()


attempt("dict subclass", lambda: conn.execute("select :abc", Missing()).fetchall())


class Seq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i >= 2:
            raise IndexError(i)
        return i * 10


attempt("sequence", lambda: conn.execute("select ?, ?", Seq()).fetchall())

cur = conn.cursor()
cur.close()
attempt("closed cursor", lambda: cur.execute("select 1"))
attempt("closed cursor fetch", lambda: cur.fetchone())
live = conn.execute("select * from t")
conn.close()
attempt("closed db", lambda: conn.execute("select 1"))
attempt("closed db cursor", lambda: conn.cursor())
attempt("closed db commit", lambda: conn.commit())
attempt("closed db live cursor", lambda: live.fetchall())
attempt("close twice", lambda: conn.close())
