# pymm's test.support.os_helper: the test file name and the temporary-directory helpers.

import contextlib
import os

TESTFN_ASCII = "@test_{}_tmp".format(os.getpid())
TESTFN = TESTFN_ASCII
# no file name character outside ASCII is promised to round-trip here
FS_NONASCII = ""


def unlink(filename):
    """Removes a file, if it exists."""
    try:
        os.remove(filename)
    except (FileNotFoundError, NotADirectoryError):
        pass


def rmtree(path):
    """Removes a directory and everything under it."""
    for root, dirs, files in os.walk(path, topdown=False):
        for name in files:
            os.remove(os.path.join(root, name))
        for name in dirs:
            os.rmdir(os.path.join(root, name))
    os.rmdir(path)


@contextlib.contextmanager
def temp_dir(path=None, quiet=False):
    """A directory made for the with block (path, or a fresh one) and removed after."""
    if path is None:
        path = os.path.abspath("@test_{}_tmpdir".format(os.getpid()))
    os.mkdir(path)
    try:
        yield path
    finally:
        rmtree(path)
