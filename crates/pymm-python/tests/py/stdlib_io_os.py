# io.StringIO/BytesIO, open() in text and binary modes, os and os.path basics.
import io
import os
import os.path
s = io.StringIO()
print("a", "b", file=s)
s.write("line2\nline3")
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(s.readline(), s.read(3), s.readlines())
b = io.BytesIO(b"xy\nz")
print(b.read(1), b.readline(), b.read(), b.getvalue())
base = os.path.join("/tmp", "pymm_io_test_%d" % os.getpid())
os.makedirs(os.path.join(base, "sub"), exist_ok=True)
name = os.path.join(base, "f.txt")
with open(name, "w") as f:
    f.write("héllo\nwörld\r\nend")
    print(f.name == name, f.mode)
with open(name) as f:
    print([line for line in f])
with open(name, "rb") as f:
    print(f.read())
with open(name, "a", encoding="utf-8") as f:
    f.write("\nmore")
with open(name, encoding="utf-8") as f:
    print(repr(f.read()), f.closed)
print(f.closed)
print(os.path.exists(name), os.path.isfile(name), os.path.isdir(base), os.path.getsize(name))
print(sorted(os.listdir(base)), os.path.basename(name), os.path.dirname(name) == base)
print(os.path.splitext("a/b.tar.gz"), os.path.split("/a/b/"), os.path.normpath("/a/./b/../c//d"), os.path.join("a", "/b", "c"))
print(os.path.relpath("/a/b/c", "/a/x"), os.path.isabs("/x"), os.path.commonprefix(["abc", "abd"]))
for dirpath, dirs, files in os.walk(base):
    print(dirpath == base or dirpath.endswith("sub"), sorted(dirs), sorted(files))
try:
    open(os.path.join(base, "missing.txt"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename == os.path.join(base, "missing.txt"))
try:
    open(base, "w")
except IsADirectoryError as e:
    print("IsADirectoryError", e.errno)
try:
    open(name, "rz")
except ValueError as e:
    print("ValueError", e)
os.remove(name)
os.rmdir(os.path.join(base, "sub"))
os.rmdir(base)
print(os.path.exists(base), os.sep, os.getenv("NO_SUCH_VAR_X", "dflt"), type(os.environ).__name__)
