# pymm's tempfile, written in Python over os: the temporary directory and mkstemp/mkdtemp,
# with names drawn as CPython draws them (eight characters of [a-z0-9_]).

import os

__all__ = ["gettempdir", "gettempprefix", "mkstemp", "mkdtemp", "TMP_MAX", "template"]

TMP_MAX = 10000
template = "tmp"
tempdir = None

_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def gettempprefix():
    return template


def gettempdir():
    """The folder for temporary files: $TMPDIR, $TEMP or $TMP if set, else /tmp."""
    global tempdir
    if tempdir is None:
        for name in ("TMPDIR", "TEMP", "TMP"):
            folder = os.environ.get(name)
            if folder:
                tempdir = folder
                break
        else:
            tempdir = "/tmp"
    return tempdir


def _random_name():
    return "".join(_CHARACTERS[b % len(_CHARACTERS)] for b in os.urandom(8))


def _candidates(suffix, prefix, dir):
    if dir is None:
        dir = gettempdir()
    if prefix is None:
        prefix = template
    for _ in range(TMP_MAX):
        yield os.path.join(dir, prefix + _random_name() + suffix)
    raise FileExistsError("No usable temporary file name found")


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    """A new file, opened for reading and writing: (its descriptor, its absolute path)."""
    for path in _candidates(suffix or "", prefix, dir):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        return fd, os.path.abspath(path)


def mkdtemp(suffix=None, prefix=None, dir=None):
    """A new directory (mode 0o700): its absolute path."""
    for path in _candidates(suffix or "", prefix, dir):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return os.path.abspath(path)
