# pymm's test.support.threading_helper. pymm runs one thread (a heap belongs to one thread,
# as an interpreter to its GIL): a test that needs more skips.

import contextlib
import unittest

_REASON = "requires threading support"


def requires_working_threading(*, module=False):
    """Skips the decorated test (or, with module=True, the whole module)."""
    if module:
        raise unittest.SkipTest(_REASON)
    return unittest.skip(_REASON)


def reap_threads(func):
    """Nothing to reap: the decorated test runs as it is."""
    return func


@contextlib.contextmanager
def start_threads(threads, unlock=None):
    raise unittest.SkipTest(_REASON)
    yield


def threading_setup():
    return (1, ())


def threading_cleanup(*original_values):
    pass
