# a cursor dropped while on a row releases its statement (CPython resets it when the cursor
# is freed): the table can be dropped and the collation replaced afterwards
import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (x)")
con.executemany("insert into t values (?)", [(1,), (2,), (3,)])
con.execute("select x from t")
con.execute("drop table t")
print(con.execute("select count(*) from sqlite_master").fetchone())

con.execute("create table u (s)")
con.executemany("insert into u values (?)", [("a",), ("b",)])
con.create_collation("rev", lambda a, b: (a < b) - (a > b))
con.execute("select s from u order by s collate rev")
con.create_collation("rev", None)
print("collation removed")


def first(cur):
    return cur.fetchone()


print(first(con.execute("select s from u order by s")))
con.execute("drop table u")
print(con.execute("select count(*) from sqlite_master").fetchone())
