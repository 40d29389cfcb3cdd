# pathlib: names and suffixes of normalized paths; iterdir and glob over a directory made
# here (entries sorted, since listing order is the file system's).
import os
import pathlib
import fnmatch

for text in [".", "/", "/a/b", "a/b.txt", "//x", "a/.hidden", "a/b.tar.gz", "x/", "a//b/./c"]:
    p = pathlib.Path(text)
    print(repr(text), repr(str(p)), repr(p.name), repr(p.suffix), repr(p.stem), p.suffixes)

base = "/tmp/pymm_pathlib_glob_%d" % os.getpid()
os.mkdir(base)
os.mkdir(os.path.join(base, "sub"))
try:
    for name in ["a.py", "b.txt", "c.tar.gz", ".dot.py", "sub/d.py", "sub/e.txt"]:
        with open(os.path.join(base, name), "w") as f:
            f.write(name)
    root = pathlib.Path(base)
    rel = lambda paths: sorted(str(p.relative_to(root)) for p in paths)
    print("iterdir", rel(root.iterdir()))
    print("glob *.py", rel(root.glob("*.py")))
    print("glob */*.txt", rel(root.glob("*/*.txt")))
    print("glob **/*.py", rel(root.glob("**/*.py")))
    print("glob ?.txt", rel(root.glob("?.txt")))
    print("glob [ab].*", rel(root.glob("[ab].*")))
    print("children are Paths", all(type(p) is type(root) for p in root.iterdir()))
    print("child equals joined", sorted(root.iterdir())[0] == root / sorted(os.listdir(base))[0])
    cwd = os.getcwd()
    os.chdir(base)
    try:
        print("dot iterdir", sorted(str(p) for p in pathlib.Path(".").iterdir()))
    finally:
        os.chdir(cwd)
    print("root child", str(pathlib.Path("/")._child("x")) if hasattr(pathlib.Path, "_child") else "/x")
finally:
    for dirpath in [os.path.join(base, "sub"), base]:
        for name in os.listdir(dirpath):
            full = os.path.join(dirpath, name)
            if not os.path.isdir(full):
                os.unlink(full)
    os.rmdir(os.path.join(base, "sub"))
    os.rmdir(base)

print(fnmatch.fnmatch("a.py", "*.py"), fnmatch.fnmatchcase("A.PY", "*.py"))
print(fnmatch.filter(["a.py", "b.txt", "c.py"], "*.py"))
print(fnmatch.fnmatchcase(b"x.py", b"*.py"), fnmatch.filter([b"a", b"bb"], b"?"))
