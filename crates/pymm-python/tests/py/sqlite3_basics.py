# sqlite3: connect, execute with qmark and named parameters, fetchone/fetchmany/fetchall,
# iteration, rowcount, lastrowid, description, type mapping, executemany, executescript.
import sqlite3

conn = sqlite3.connect(":memory:")
cur = conn.cursor()
print(cur.rowcount, cur.lastrowid, cur.description, cur.arraysize, cur.connection is conn)
cur.execute("create table people (id integer primary key, name text, age int, score real, photo blob)")
print(cur.rowcount, cur.description)
cur.execute("insert into people (name, age, score, photo) values (?, ?, ?, ?)",
            ("ann", 31, 4.5, b"\x00\x01"))
print("lastrowid", cur.lastrowid, "rowcount", cur.rowcount)
cur.execute("insert into people (name, age, score, photo) values (:name, :age, :score, :photo)",
            {"name": "bob", "age": 25, "score": None, "photo": bytearray(b"xy")})
print("lastrowid", cur.lastrowid, "rowcount", cur.rowcount)
cur.executemany("insert into people (name, age) values (?, ?)",
                [("cy", 40), ("dee", 19), ("eve", 52)])
print("executemany rowcount", cur.rowcount, "lastrowid", cur.lastrowid)
cur.executemany("insert into people (name, age) values (?, ?)", iter([("fay", 1)]))
print("from an iterator", cur.rowcount)

cur.execute("select id, name, age, score, photo from people order by id")
print([d[0] for d in cur.description], cur.rowcount)
print(cur.fetchone())
print(cur.fetchmany())
print(cur.fetchmany(2))
print(cur.fetchall())
print(cur.fetchone(), cur.fetchall(), cur.fetchmany(3))

for row in conn.execute("select name, age * 2, age / 2.0 from people where age > ?", (20,)):
    print(row, [type(v).__name__ for v in row])

print(conn.execute("select 1, 1.5, 'text', x'0102', null, 9223372036854775807").fetchone())
print(conn.execute("select ?, ?, ?, ?, ?", (True, -7, 2.5e300, "é\u20ac", None)).fetchone())
print(conn.execute("select upper(?)", ["ab"]).fetchall())
print(conn.execute("select count(*) from people").fetchone()[0])

cur.execute("update people set age = age + 1 where age < ?", (30,))
print("update rowcount", cur.rowcount)
cur.execute("delete from people where name = 'fay'")
print("delete rowcount", cur.rowcount)
print("select rowcount", conn.execute("select * from people").rowcount)

cur.executescript("""
    create table log (msg);
    insert into log values ('one');
    -- a comment
    insert into log values ('two');
""")
print(conn.execute("select msg from log").fetchall(), cur.rowcount)

# a Cursor is its own iterator
cur.execute("select name from people order by name limit 3")
print(iter(cur) is cur, next(cur), list(cur))
arraysize_cur = conn.execute("select id from people order by id")
arraysize_cur.arraysize = 2
print(arraysize_cur.fetchmany(), arraysize_cur.fetchmany(size=10))

# two cursors on the same statement text at once
a = conn.execute("select id from people order by id")
b = conn.execute("select id from people order by id")
print(a.fetchone(), b.fetchone(), a.fetchone(), b.fetchall())

# empty statements and comments only
print(conn.execute("").fetchall(), conn.execute("-- nothing").description)
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety, sqlite3.PARSE_DECLTYPES,
      sqlite3.SQLITE_OK, sqlite3.SQLITE_CONSTRAINT_UNIQUE)
conn.close()
