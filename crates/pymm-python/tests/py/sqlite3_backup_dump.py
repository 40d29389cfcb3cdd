# Connection.backup (with pages and progress) and Connection.iterdump
import sqlite3

src = sqlite3.connect(":memory:")
src.executescript("""
    create table people (id integer primary key autoincrement, name text, photo blob,
                         score real);
    create index by_name on people (name);
    create view named as select name from people;
    create trigger stamp after insert on people begin select 1; end;
""")
src.executemany("insert into people (name, photo, score) values (?, ?, ?)",
                [("Ann", b"\x00\x01", 1.5), ("Bob 'the' \"B\"", None, -2.0),
                 ("Cy", b"xyz" * 400, None)])
src.commit()
for line in src.iterdump():
    print(line if len(line) < 120 else line[:120] + "...")

dst = sqlite3.connect(":memory:")
progress = []
src.backup(dst, pages=1, progress=lambda status, remaining, total: progress.append(
    (status, remaining, total)))
print(progress[-1], len(progress) > 1, all(p[2] == progress[0][2] for p in progress))
print(dst.execute("select id, name, length(photo), score from people").fetchall())
print(list(dst.iterdump()) == list(src.iterdump()))

whole = sqlite3.connect(":memory:")
src.backup(whole)
print(whole.execute("select count(*) from people").fetchone())

# errors
for bad, kwargs in ((1, {}), (src, {}), (dst, {"progress": 3}), (dst, {"name": "nowhere"})):
    try:
        src.backup(bad, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)
dst.execute("insert into people (name) values ('Dee')")
try:
    src.backup(dst)
except sqlite3.OperationalError as e:
    print("OperationalError", e)
dst.rollback()


def stop(status, remaining, total):
    raise KeyError("stop")


try:
    src.backup(dst, pages=1, progress=stop)
except KeyError as e:
    print("KeyError", e)
closed = sqlite3.connect(":memory:")
closed.close()
try:
    src.backup(closed)
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
try:
    closed.iterdump()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)

# restoring a dump gives the same database
copy = sqlite3.connect(":memory:")
copy.executescript("\n".join(src.iterdump()))
print(list(copy.iterdump()) == list(src.iterdump()))
