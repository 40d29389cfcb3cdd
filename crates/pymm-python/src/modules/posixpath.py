# pymm's os.path (posixpath), written in Python as CPython's posixpath.py: path strings
# joined, split and normalised; questions about the file system through _os.stat.

import _os

__all__ = ["abspath", "normcase", "basename", "commonprefix", "dirname", "exists", "expanduser",
           "getmtime", "getsize", "isabs", "isdir", "isfile", "join", "normpath", "realpath",
           "relpath", "split", "splitext", "sep", "curdir", "pardir", "extsep", "altsep",
           "pathsep", "defpath", "devnull", "commonpath", "lexists", "islink"]

curdir = "."
pardir = ".."
extsep = "."
sep = "/"
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"


def _fspath(p):
    if isinstance(p, str):
        return p
    fspath = getattr(type(p), "__fspath__", None)
    if fspath is None:
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(p).__name__}")
    return fspath(p)


def normcase(s):
    """On POSIX, a path's case is significant: s unchanged (as str or bytes)."""
    return _fspath(s)


def isabs(s):
    return _fspath(s).startswith("/")


def join(a, *p):
    path = _fspath(a)
    for b in map(_fspath, p):
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind("/")
    dot_index = p.rfind(".")
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != ".":
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ""


def basename(p):
    p = _fspath(p)
    return p[p.rfind("/") + 1:]


def dirname(p):
    p = _fspath(p)
    i = p.rfind("/") + 1
    head = p[:i]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head


def normpath(path):
    path = _fspath(path)
    if path == "":
        return "."
    initial_slashes = 1 if path.startswith("/") else 0
    if initial_slashes and path.startswith("//") and not path.startswith("///"):
        initial_slashes = 2
    new_comps = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial_slashes and not new_comps) or (new_comps and new_comps[-1] == ".."):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = "/".join(new_comps)
    if initial_slashes:
        path = "/" * initial_slashes + path
    return path or "."


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        path = join(_os.getcwd(), path)
    return normpath(path)


def realpath(path, *, strict=False):
    return abspath(path)


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    start = curdir if start is None else _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    paths = [_fspath(p) for p in paths]
    split_paths = [[c for c in p.split("/") if c and c != "."] for p in paths]
    absolute = {p.startswith("/") for p in paths}
    if len(absolute) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    common = split_paths[0]
    for parts in split_paths[1:]:
        n = 0
        while n < min(len(common), len(parts)) and common[n] == parts[n]:
            n += 1
        common = common[:n]
    prefix = "/" if paths[0].startswith("/") else ""
    return prefix + "/".join(common)


def expanduser(path):
    path = _fspath(path)
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i == 1:
        home = _os.environ().get("HOME", "/")
    else:
        return path
    return (home.rstrip("/") or "/") + path[i:]


def exists(path):
    try:
        _os.stat(_fspath(path))
    except (OSError, ValueError):
        return False
    return True


lexists = exists


def isdir(s):
    try:
        return _os.stat(_fspath(s))[3]
    except (OSError, ValueError):
        return False


def isfile(path):
    try:
        return _os.stat(_fspath(path))[4]
    except (OSError, ValueError):
        return False


def islink(path):
    return False


def getsize(filename):
    return _os.stat(_fspath(filename))[1]


def getmtime(filename):
    return _os.stat(_fspath(filename))[2]
