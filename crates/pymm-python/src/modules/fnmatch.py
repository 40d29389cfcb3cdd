# pymm's fnmatch module, written in Python as CPython's: shell-style wildcards (*, ?, [seq],
# [!seq]) translated to regular expressions.

import re

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]


def fnmatch(name, pat):
    """name matches pat (case as the file system treats it: sensitive on POSIX)."""
    return fnmatchcase(name, pat)


def fnmatchcase(name, pat):
    return re.match(translate(pat), name) is not None


def filter(names, pat):
    match = re.compile(translate(pat)).match
    return [name for name in names if match(name)]


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
