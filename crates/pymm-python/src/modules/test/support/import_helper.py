# pymm's test.support.import_helper: importing a module a test needs, or skipping the test.

import sys
import unittest


def import_module(name, deprecated=False, *, required_on=()):
    """Imports and returns the module, or skips the test if it cannot be imported."""
    try:
        return __import__(name, fromlist=["*"]) if "." in name else __import__(name)
    except ImportError as msg:
        if sys.platform.startswith(tuple(required_on)):
            raise
        raise unittest.SkipTest(str(msg))


def import_fresh_module(name, fresh=(), blocked=(), deprecated=False):
    """Imports name afresh (dropping it from sys.modules first); None if that fails."""
    names = [name] + list(fresh)
    saved = {n: sys.modules.pop(n) for n in names if n in sys.modules}
    for n in blocked:
        saved.setdefault(n, sys.modules.get(n))
        sys.modules[n] = None
    try:
        # a fresh module that cannot be imported (CPython's _decimal in pymm) means None
        for n in fresh:
            __import__(n)
        return __import__(name)
    except ImportError:
        return None
    finally:
        for n in list(names) + list(blocked):
            sys.modules.pop(n, None)
        for n, module in saved.items():
            if module is not None:
                sys.modules[n] = module
