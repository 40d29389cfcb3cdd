# pymm's test.support.warnings_helper, after CPython's Lib/test/support/warnings_helper.py:
# the helpers CPython's test files use to silence or check warnings.

import functools
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
