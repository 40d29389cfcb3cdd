# pathlib (pure paths, file system operations, glob) and fnmatch.
import os
from pathlib import Path, PurePath, PurePosixPath
import fnmatch

p = PurePath("/usr/lib/python3.11/os.tar.gz")
print(p, repr(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts, p.root, p.anchor)
print(p.parents[0], len(p.parents), p.with_suffix(".zip"), p.with_name("x.py"), p.is_absolute())
print(PurePath("a/./b//c"), PurePath("a") / "b" / "c", "x" / PurePath("y"), PurePath(), PurePath("/"))
print(PurePath("/a/b/c").relative_to("/a"), PurePath("a/b.py").match("*.py"), PurePath("a/b.py").match("a/*.py"))
print(PurePath("a") == PurePosixPath("a"), sorted([PurePath("b"), PurePath("a/c"), PurePath("a")]))
print(fnmatch.fnmatch("foo.py", "*.py"), fnmatch.filter(["a.py", "b.txt", "c.py"], "*.py"), fnmatch.translate("*.p[yw]"))
base = Path("/tmp") / ("pymm_pathlib_%d" % os.getpid())
(base / "sub" / "deep").mkdir(parents=True, exist_ok=True)
(base / "a.txt").write_text("hello\nworld\n")
(base / "b.py").write_bytes(b"print(1)\n")
(base / "sub" / "c.py").write_text("x = 1\n")
(base / "sub" / "deep" / "d.py").touch()
print((base / "a.txt").read_text().splitlines(), (base / "b.py").read_bytes(), (base / "a.txt").exists())
print(sorted(p.name for p in base.iterdir()), sorted(p.name for p in base.glob("*.py")))
print(sorted(str(p.relative_to(base)) for p in base.glob("**/*.py")), sorted(p.name for p in base.rglob("*.py")))
print((base / "a.txt").is_file(), (base / "sub").is_dir(), (base / "nope").exists(), (base / "a.txt").stat().st_size)
with (base / "a.txt").open() as f:
    print(f.readline().strip())
for p in [base / "sub" / "deep" / "d.py", base / "sub" / "c.py", base / "a.txt", base / "b.py"]:
    p.unlink()
(base / "sub" / "deep").rmdir()
(base / "sub").rmdir()
base.rmdir()
print(base.exists(), Path("rel").absolute() == Path.cwd() / "rel", Path("x").resolve().is_absolute())
try:
    Path("/nonexistent_dir_xyz/file").read_text()
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
