# pymm's pathlib, written in Python: PurePath/PurePosixPath and Path/PosixPath with the
# common operations (joining with /, name parts, the file system queries, reading and
# writing, iterdir, glob), over os and os.path.

import fnmatch
import io
import os
import posixpath

__all__ = ["PurePath", "PurePosixPath", "Path", "PosixPath"]


class PurePath:
    """A file system path, as a string split into parts; no file system access."""

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        parts = []
        for a in args:
            if isinstance(a, PurePath):
                parts.append(a._str)
            else:
                a = os.fspath(a)
                if not isinstance(a, str):
                    raise TypeError("argument should be a str or an os.PathLike object where "
                                    f"__fspath__ returns a str, not {type(a).__name__!r}")
                parts.append(a)
        path = posixpath.join(*parts) if parts else ""
        self._str = _normalize(path)
        return self

    def __init__(self, *args):
        pass

    def __str__(self):
        return self._str

    def __fspath__(self):
        return self._str

    def __repr__(self):
        return "{}({!r})".format(self.__class__.__name__, self.as_posix())

    def as_posix(self):
        return self._str

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._str == other._str

    def __hash__(self):
        return hash(self._str)

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        return self == other or self > other

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return type(self)(self, *args)

    @property
    def parts(self):
        if not self._str or self._str == ".":
            return ()
        if self._str.startswith("/"):
            rest = self._str.lstrip("/")
            return ("/",) + (tuple(rest.split("/")) if rest else ())
        return tuple(self._str.split("/"))

    @property
    def drive(self):
        return ""

    @property
    def root(self):
        return "/" if self._str.startswith("/") else ""

    @property
    def anchor(self):
        return self.root

    @property
    def name(self):
        # the last part: what follows the last slash of the normalized text ('.' has none)
        s = self._str
        if s == ".":
            return ""
        return s[s.rfind("/") + 1:]

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[i:]
        return ""

    @property
    def suffixes(self):
        name = self.name
        if name.endswith("."):
            return []
        name = name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        parts = self.parts
        if len(parts) <= 1:
            return self if self.root or not parts else type(self)(".")
        return type(self)(*parts[:-1])

    @property
    def parents(self):
        out = []
        p = self
        while True:
            parent = p.parent
            if parent == p:
                break
            out.append(parent)
            p = parent
        return tuple(out)

    def with_name(self, name):
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        if not name or "/" in name or name == ".":
            raise ValueError(f"Invalid name {name!r}")
        return self.parent / name

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if suffix and (not suffix.startswith(".") or suffix == "." or "/" in suffix):
            raise ValueError(f"Invalid suffix {suffix!r}")
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        return self.with_name(self.stem + suffix)

    def is_absolute(self):
        return self._str.startswith("/")

    def relative_to(self, *other):
        base = type(self)(*other)
        parts, base_parts = self.parts, base.parts
        if parts[:len(base_parts)] != base_parts:
            raise ValueError(f"{str(self)!r} is not in the subpath of {str(base)!r} OR one path "
                             "is relative and the other is absolute.")
        return type(self)(*parts[len(base_parts):]) if parts[len(base_parts):] else type(self)(".")

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, pattern):
        pat_parts = PurePosixPath(pattern).parts
        parts = self.parts
        if len(pat_parts) > len(parts):
            return False
        if pattern.startswith("/") and len(pat_parts) != len(parts):
            return False
        for part, pat in zip(reversed(parts), reversed(pat_parts)):
            if not fnmatch.fnmatchcase(part, pat):
                return False
        return True


def _normalize(path):
    """Collapses repeated slashes and '.' parts (not '..'), as pathlib does."""
    if not path:
        return "."
    absolute = path.startswith("/")
    double = path.startswith("//") and not path.startswith("///")
    parts = [p for p in path.split("/") if p and p != "."]
    text = "/".join(parts)
    if absolute:
        return ("//" if double else "/") + text
    return text or "."


class PurePosixPath(PurePath):
    pass


class Path(PurePath):
    """A path with file system operations."""

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return PurePath.__new__(cls, *args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser("~"))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        return type(self)(os.path.abspath(self._str))

    def stat(self):
        return os.stat(self._str)

    def exists(self):
        return os.path.exists(self._str)

    def is_dir(self):
        return os.path.isdir(self._str)

    def is_file(self):
        return os.path.isfile(self._str)

    def is_symlink(self):
        return False

    def iterdir(self):
        for name in os.listdir(self._str):
            yield self._child(name)

    def _child(self, name):
        """The path of entry `name` of this directory: a name from os.listdir has no slash and
        is never '.' or '..', so the text needs no joining or normalizing."""
        child = object.__new__(type(self))
        s = self._str
        if s == ".":
            child._str = name
        elif s.endswith("/"):
            child._str = s + name
        else:
            child._str = s + "/" + name
        return child

    def glob(self, pattern):
        """The paths below this one that match pattern ('*.py', 'sub/*.txt', '**/*.py')."""
        parts = PurePosixPath(pattern).parts
        yield from _glob(self, list(parts))

    def rglob(self, pattern):
        yield from self.glob("**/" + pattern)

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return io.open(self._str, mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with self.open("r", encoding=encoding, errors=errors) as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not %s" % data.__class__.__name__)
        with self.open("w", encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def read_bytes(self):
        with self.open("rb") as f:
            return f.read()

    def write_bytes(self, data):
        with self.open("wb") as f:
            return f.write(bytes(data))

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(f"[Errno 17] File exists: {self._str!r}")
            return
        with self.open("a"):
            pass

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            os.mkdir(self._str)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def unlink(self, missing_ok=False):
        try:
            os.unlink(self._str)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rmdir(self):
        os.rmdir(self._str)

    def rename(self, target):
        os.rename(self._str, os.fspath(target))
        return type(self)(target)

    def replace(self, target):
        return self.rename(target)

    def samefile(self, other):
        return self.resolve() == type(self)(other).resolve()


def _glob(base, parts):
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        yield from _glob(base, rest)
        for child in base.iterdir():
            if child.is_dir():
                yield from _glob(child, parts)
        return
    if not base.is_dir():
        return
    # names are matched before any path is made, as CPython's wildcard selector does
    for name in fnmatch.filter(os.listdir(base._str), head):
        child = base._child(name)
        if not rest:
            yield child
        elif child.is_dir():
            yield from _glob(child, rest)


class PosixPath(Path, PurePosixPath):
    pass
