# Connection.blobopen and Blob: read, write, seek, tell, len, indexing and slicing, the
# context manager, and CPython's errors
import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (b blob, s text)")
con.execute("insert into t values (zeroblob(10), 'x')")
con.execute("insert into t values (?, 'y')", (b"0123456789abcdef",))

with con.blobopen("t", "b", 1) as blob:
    print(len(blob), blob.tell(), blob.read())
    blob.seek(0)
    blob.write(b"hello")
    print(blob.tell())
    blob.seek(-2, 2)
    blob.write(b"!!")
    blob.seek(0)
    print(blob.read(3), blob.read(0), blob.read(-1), blob.read())
    blob.seek(2, 0)
    blob.seek(3, 1)
    print(blob.tell())
    print(blob[0], blob[-1], blob[1:4], blob[::3], blob[8:2])
    blob[0] = ord("H")
    blob[5:8] = b"***"
    blob[1:9:4] = b"EO"
    print(blob[:])
    for bad in (lambda: blob.seek(11), lambda: blob.seek(-1), lambda: blob.seek(0, 3),
                lambda: blob.write(b"x" * 20), lambda: blob[10], lambda: blob["a"],
                lambda: blob.__setitem__(0, 256), lambda: blob.__setitem__(0, "a"),
                lambda: blob.__setitem__(slice(0, 2), b"abc"),
                lambda: blob.__delitem__(0), lambda: blob.__delitem__(slice(0, 1))):
        try:
            bad()
        except Exception as e:
            print(type(e).__name__, e)
print(con.execute("select b from t where rowid = 1").fetchone())

blob = con.blobopen("t", "b", 2, readonly=True)
print(blob.read(4), blob[10:])
try:
    blob.write(b"zz")
except sqlite3.Error as e:
    print(type(e).__name__, e)
blob.close()
blob.close()
for op in (lambda: len(blob), lambda: blob.read(), lambda: blob.tell(), lambda: blob[0]):
    try:
        op()
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError", e)

for args in (("nope", "b", 1), ("t", "nope", 1), ("t", "b", 99), ("t", "s", 1)):
    try:
        con.blobopen(*args)
    except sqlite3.Error as e:
        print(type(e).__name__, e)

blob = con.blobopen("t", "b", 1)
con.close()
try:
    blob.read()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
print(type(blob).__name__, sqlite3.Blob.__module__)
