# detect_types: converters chosen by declared type (PARSE_DECLTYPES) or by a "[type]" in the
# column's name (PARSE_COLNAMES), and the date/timestamp converters and adapters 3.11 registers
import datetime
import sqlite3

con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con.execute("create table t (d date, ts timestamp, p point, n integer not null, v varchar(10), x)")
con.execute("insert into t values (?, ?, ?, ?, ?, ?)",
            (datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 678),
             "1;2", 7, "text", 3.5))
con.execute("insert into t values (?, ?, ?, ?, ?, ?)",
            (None, datetime.datetime(1999, 12, 31, 23, 59, 59), None, 8, None, None))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


seen = []


def convert_point(raw):
    seen.append(raw)
    x, y = map(float, raw.split(b";"))
    return Point(x, y)


sqlite3.register_converter("POINT", convert_point)
sqlite3.register_converter("integer", lambda raw: ("int", raw))
sqlite3.register_converter("VarChar", lambda raw: raw.decode().upper())
for row in con.execute("select * from t"):
    print(row)
print(seen)
cur = con.execute('select d as "d [timestamp]", n as "n [point]", 5 as "five [integer]" from t')
print([c[0] for c in cur.description])
try:
    print(cur.fetchall())
except Exception as e:
    print(type(e).__name__, e)
cur = con.execute('select x as "x [unknown]", "1;1" as "p [point] [integer]", 3 as "a ] b [integer]" from t')
print([c[0] for c in cur.description])
print(cur.fetchone())

# without detect_types, nothing is converted and the names stay whole
plain = sqlite3.connect(":memory:")
plain.execute("create table t (d date)")
plain.execute("insert into t values (?)", (datetime.date(2020, 5, 17),))
print(plain.execute('select d, d as "x [date]" from t').fetchall())
print([c[0] for c in plain.execute('select d as "x [date]" from t').description])

# decltypes only
only = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
only.execute("create table t (d date)")
only.execute("insert into t values ('2001-02-03')")
print(only.execute('select d, d as "e [point]" from t').fetchall())
print(sqlite3.converters["DATE"].__name__, sorted(sqlite3.converters))
print(datetime.date in {k[0] for k in sqlite3.adapters})

# a converter that raises: the error comes out of fetch
sqlite3.register_converter("bad", lambda raw: 1 / 0)
con.execute("create table b (c bad)")
con.execute("insert into b values (1)")
try:
    con.execute("select c from b").fetchall()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
