# sqlite3: 3.11's implicit transactions (BEGIN before INSERT/UPDATE/DELETE/REPLACE, none
# before SELECT or DDL), commit, rollback, isolation_level, the context manager, and a
# database file seen by a second connection.
import os
import sqlite3
import tempfile

path = os.path.join(tempfile.mkdtemp(), "t.db")
a = sqlite3.connect(path)
b = sqlite3.connect(path, timeout=0.1)
print(a.isolation_level == "", a.in_transaction, a.total_changes)
a.execute("create table t (x)")
print("after DDL", a.in_transaction)
a.execute("insert into t values (1)")
print("after insert", a.in_transaction, b.execute("select count(*) from t").fetchone())
a.commit()
print("after commit", a.in_transaction, b.execute("select count(*) from t").fetchone())
a.execute("insert into t values (2)")
a.rollback()
print("after rollback", a.execute("select x from t").fetchall(), a.in_transaction)
a.execute("select x from t").fetchall()
print("select opens none", a.in_transaction)
a.execute("  -- leading comment\n  REPLACE into t values (3)")
print("replace after a comment", a.in_transaction)
a.commit()
a.commit()
a.rollback()

with a:
    a.execute("insert into t values (4)")
print("with: committed", b.execute("select x from t order by x").fetchall())
try:
    with a:
        a.execute("insert into t values (5)")
        raise KeyError("stop")
except KeyError as e:
    print("with: rolled back after", repr(e), a.execute("select x from t").fetchall())
with a as same:
    print("with returns the connection", same is a)

a.isolation_level = None
print("autocommit", a.isolation_level, a.in_transaction)
a.execute("insert into t values (6)")
print("no implicit BEGIN", a.in_transaction, b.execute("select max(x) from t").fetchone())
a.execute("begin")
a.execute("insert into t values (7)")
print("explicit BEGIN", a.in_transaction)
a.isolation_level = "DEFERRED"
print("setting a level keeps the transaction", a.in_transaction, a.isolation_level)
a.isolation_level = None
print("None commits", a.in_transaction, b.execute("select max(x) from t").fetchone())
a.isolation_level = "immediate"
a.execute("update t set x = x + 100 where x = 7")
print("immediate", a.in_transaction, a.isolation_level)
try:
    b.execute("insert into t values (0)")
except sqlite3.OperationalError as e:
    print("locked:", e, b.in_transaction)
    b.rollback()
a.commit()
print(b.execute("select x from t order by x").fetchall())

a.execute("insert into t values (8)")
a.executescript("insert into t values (9);")
print("executescript commits first", a.in_transaction,
      b.execute("select count(*) from t").fetchone())
print("total_changes", a.total_changes)
a.close()
b.close()
os.remove(path)
print(sqlite3.connect(":memory:", isolation_level=None).isolation_level)
