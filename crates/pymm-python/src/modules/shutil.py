# pymm's shutil module: get_terminal_size (what argparse and textwrap users reach for). The
# file-copying functions of CPython's shutil are not written yet.

import os
from collections import namedtuple

__all__ = ["get_terminal_size"]

terminal_size = namedtuple("terminal_size", ["columns", "lines"])


def get_terminal_size(fallback=(80, 24)):
    """The COLUMNS and LINES environment variables where they are positive numbers, else
    the size of the terminal on standard output, else fallback (as CPython's)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        size = _terminal_size()
        if size is None:
            size = fallback
        if columns <= 0:
            columns = size[0] or fallback[0]
        if lines <= 0:
            lines = size[1] or fallback[1]
    return terminal_size(columns, lines)


def _terminal_size():
    query = getattr(os, "get_terminal_size", None)
    if query is None:
        return None
    try:
        return tuple(query(1))
    except (AttributeError, ValueError, OSError):
        return None
