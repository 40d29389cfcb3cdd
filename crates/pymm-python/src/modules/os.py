# pymm's os module, written in Python over _os: files, directories, the environment, and
# os.path (posixpath).

import _os
import posixpath as path
import sys

# `import os.path` finds it here, as in CPython
sys.modules["os.path"] = path

__all__ = ["path", "sep", "linesep", "curdir", "pardir", "name", "environ", "getenv", "getcwd",
           "chdir", "listdir", "mkdir", "makedirs", "remove", "unlink", "rmdir", "removedirs",
           "rename", "replace", "stat", "walk", "getpid", "urandom", "fspath", "PathLike",
           "open", "read", "write", "close", "lseek", "O_RDONLY", "O_WRONLY", "O_RDWR",
           "O_CREAT", "O_EXCL", "O_TRUNC", "O_APPEND", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "scandir", "cpu_count", "get_terminal_size", "devnull"]

name = "posix"
sep = path.sep
altsep = path.altsep
curdir = path.curdir
pardir = path.pardir
extsep = path.extsep
pathsep = path.pathsep
defpath = path.defpath
devnull = path.devnull
linesep = "\n"

O_RDONLY = 0
O_WRONLY = 0o1
O_RDWR = 0o2
O_CREAT = 0o100
O_EXCL = 0o200
O_TRUNC = 0o1000
O_APPEND = 0o2000
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

open = _os.open
read = _os.read
write = _os.write
close = _os.close
lseek = _os.lseek
getcwd = _os.getcwd
chdir = _os.chdir
getpid = _os.getpid
urandom = _os.urandom
class _Environ(dict):
    """The environment the program started with, as a dict."""


environ = _Environ(_os.environ())


def getenv(key, default=None):
    return environ.get(key, default)


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    fs = getattr(type(p), "__fspath__", None)
    if fs is None:
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(p).__name__}")
    return fs(p)


class PathLike:
    """Objects with __fspath__."""

    def __fspath__(self):
        raise NotImplementedError


def listdir(path="."):
    return _os.listdir(fspath(path))


def mkdir(path, mode=0o777):
    _os.mkdir(fspath(path))


def makedirs(name, mode=0o777, exist_ok=False):
    """Creates a directory and the missing ones above it."""
    name = fspath(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        _os.mkdir(name)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def remove(path_):
    _os.unlink(fspath(path_))


unlink = remove


def rmdir(path_):
    _os.rmdir(fspath(path_))


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def rename(src, dst):
    _os.rename(fspath(src), fspath(dst))


replace = rename


class stat_result:
    """What os.stat gives: st_mode, st_size, st_mtime."""

    def __init__(self, mode, size, mtime):
        self.st_mode = mode
        self.st_size = size
        self.st_mtime = mtime

    def __repr__(self):
        return f"os.stat_result(st_mode={self.st_mode}, st_size={self.st_size}, st_mtime={self.st_mtime})"


def stat(path_):
    mode, size, mtime, is_dir, is_file = _os.stat(fspath(path_))
    kind = 0o040000 if is_dir else (0o100000 if is_file else 0)
    return stat_result(kind | mode & 0o7777, size, mtime)


class DirEntry:
    def __init__(self, directory, name):
        self.name = name
        self.path = path.join(directory, name)

    def is_dir(self):
        return path.isdir(self.path)

    def is_file(self):
        return path.isfile(self.path)

    def stat(self):
        return stat(self.path)

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"


class _ScandirIterator:
    def __init__(self, directory):
        self._entries = iter([DirEntry(directory, n) for n in listdir(directory)])

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass

    def close(self):
        pass


def scandir(path_="."):
    return _ScandirIterator(fspath(path_))


def walk(top, topdown=True, onerror=None, followlinks=False):
    """(dirpath, dirnames, filenames) for top and each directory below it."""
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for entry in names:
        if path.isdir(path.join(top, entry)):
            dirs.append(entry)
        else:
            nondirs.append(entry)
    if topdown:
        yield top, dirs, nondirs
        for d in dirs:
            yield from walk(path.join(top, d), topdown, onerror, followlinks)
    else:
        for d in dirs:
            yield from walk(path.join(top, d), topdown, onerror, followlinks)
        yield top, dirs, nondirs


def cpu_count():
    return None


class terminal_size(tuple):
    @property
    def columns(self):
        return self[0]

    @property
    def lines(self):
        return self[1]


def get_terminal_size(fd=1):
    return terminal_size((int(environ.get("COLUMNS", 80)), int(environ.get("LINES", 24))))
