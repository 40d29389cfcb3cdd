# pymm's test.support.warnings_helper, after CPython's Lib/test/support/warnings_helper.py:
# the helpers CPython's test files use to silence or check warnings.

import contextlib
import functools
import re
import sys
import warnings


def ignore_warnings(*, category):
    """Decorator: runs the test with warnings of `category` ignored."""
    def decorator(test):
        @functools.wraps(test)
        def wrapper(self, *args, **kwargs):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=category)
                return test(self, *args, **kwargs)
        return wrapper
    return decorator


class WarningsRecorder(object):
    """Convenience wrapper for the warnings list returned on
       entry to the warnings.catch_warnings() context manager.
    """
    def __init__(self, warnings_list):
        self._warnings = warnings_list
        self._last = 0

    def __getattr__(self, attr):
        if len(self._warnings) > self._last:
            return getattr(self._warnings[-1], attr)
        elif attr in warnings.WarningMessage._WARNING_DETAILS:
            return None
        raise AttributeError("%r has no attribute %r" % (self, attr))

    @property
    def warnings(self):
        return self._warnings[self._last:]

    def reset(self):
        self._last = len(self._warnings)


def check_warnings(*filters, **kwargs):
    """Context manager: records the warnings raised inside; each filter, a
    ("message regexp", WarningCategory) pair, must catch one unless `quiet` (the default
    without filters), and a warning no filter catches fails."""
    quiet = kwargs.get('quiet')
    if not filters:
        filters = (("", Warning),)
        if quiet is None:
            quiet = True
    return _filterwarnings(filters, quiet)


@contextlib.contextmanager
def _filterwarnings(filters, quiet=False):
    # the calling module's registry is cleared, so that its warnings are raised again; pymm
    # cannot reach the caller's frame when a built-in made the call (a test's setUp entering
    # this through enterContext): then no registry is cleared
    try:
        registry = sys._getframe(2).f_globals.get('__warningregistry__')
    except RuntimeError:
        registry = None
    if registry:
        registry.clear()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        yield WarningsRecorder(w)
    reraise = list(w)
    missing = []
    for msg, cat in filters:
        seen = False
        for w in reraise[:]:
            warning = w.message
            if (re.match(msg, str(warning), re.I) and
                    issubclass(warning.__class__, cat)):
                seen = True
                reraise.remove(w)
        if not seen and not quiet:
            missing.append((msg, cat.__name__))
    if reraise:
        raise AssertionError("unhandled warning %s" % reraise[0])
    if missing:
        raise AssertionError("filter (%r, %s) did not catch any warning" %
                             missing[0])
