# sqlite3: row_factory (sqlite3.Row and a callable), text_factory, adapters and __conform__,
# and Row's mapping and sequence behaviour.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("create table p (Name text, Age int)")
conn.executemany("insert into p values (?, ?)", [("ann", 30), ("bob", 41)])
conn.row_factory = sqlite3.Row
row = conn.execute("select Name, Age from p order by Name").fetchone()
print(type(row).__name__, row.keys(), row["name"], row["AGE"], row[0], row[-1], row[0:2])
print(len(row), list(row), tuple(row), "Age" in row.keys())
other = conn.execute("select Name, Age from p order by Name").fetchone()
print(row == other, row != other, hash(row) == hash(other), row == ("ann", 30))
try:
    row["nope"]
except IndexError as e:
    print("IndexError", e)
try:
    row[9]
except IndexError as e:
    print("IndexError", e)
cur = conn.cursor()
cur.row_factory = None
print(cur.execute("select Name from p").fetchall())

conn.row_factory = lambda cursor, values: {d[0]: v for d, v in zip(cursor.description, values)}
print(conn.execute("select * from p").fetchall())
conn.row_factory = None

conn.text_factory = bytes
print(conn.execute("select Name from p").fetchall())
conn.text_factory = lambda b: b.decode().upper()
print(conn.execute("select Name, 'x' from p").fetchall())
conn.text_factory = str


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Conforming:
    def __conform__(self, protocol):
        if protocol is sqlite3.PrepareProtocol:
            return "conformed"


sqlite3.register_adapter(Point, lambda p: "%d;%d" % (p.x, p.y))
print(conn.execute("select ?", (Point(1, 2),)).fetchone())
print(conn.execute("select ?", (Conforming(),)).fetchone())


class MyInt(int):
    pass


class MyStr(str):
    pass


print(conn.execute("select ?, ?, typeof(?)", (MyInt(5), MyStr("s"), MyInt(1))).fetchone())
print(sqlite3.adapt(Point(3, 4)))
try:
    sqlite3.adapt(object())
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
conn.close()
