# pymm's fnmatch module, written in Python as CPython's: shell-style wildcards (*, ?, [seq],
# [!seq]) translated to regular expressions.

import re

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]


def fnmatch(name, pat):
    """name matches pat (case as the file system treats it: sensitive on POSIX)."""
    return fnmatchcase(name, pat)


def fnmatchcase(name, pat):
    return _compile_pattern(pat)(name) is not None


def filter(names, pat):
    match = _compile_pattern(pat)
    return [name for name in names if match(name)]


_MAX_CACHE = 32768
_cache = {}


def _compile_pattern(pat):
    """The match function of pat's regular expression, compiled once per pattern (CPython
    keeps them in an lru_cache of 32768)."""
    match = _cache.get(pat)
    if match is None:
        if len(_cache) >= _MAX_CACHE:
            _cache.clear()
        if isinstance(pat, bytes):
            regex = translate(str(pat, "ISO-8859-1")).encode("ISO-8859-1")
        else:
            regex = translate(pat)
        match = _cache[pat] = re.compile(regex).match
    return match


def translate(pat):
    """The regular expression (anchored at the end) that pat means."""
    i, n = 0, len(pat)
    res = []
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not res or res[-1] != ".*":
                res.append(".*")
        elif c == "?":
            res.append(".")
        elif c == "[":
            j = i
            if j < n and pat[j] == "!":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                j += 1
            if j >= n:
                res.append("\\[")
            else:
                stuff = pat[i:j].replace("\\", "\\\\")
                i = j + 1
                if not stuff:
                    res.append("(?!)")
                elif stuff == "!":
                    res.append(".")
                else:
                    if stuff[0] == "!":
                        stuff = "^" + stuff[1:]
                    elif stuff[0] in ("^", "["):
                        stuff = "\\" + stuff
                    res.append("[" + stuff + "]")
        else:
            res.append(re.escape(c))
    return "(?s:" + "".join(res) + ")\\Z"
