# pymm's test.support, after CPython's Lib/test/support: the helpers that CPython's test
# files for gc, weakref, finalization, sys and the built-in types use. What needs threads, subprocesses or the C
# API (none of which pymm has) skips the test that asks for it, with the reason.

import contextlib
import gc
import sys
import unittest

__all__ = ["verbose", "gc_collect", "disable_gc", "cpython_only", "refcount_test",
           "impl_detail", "check_impl_detail", "requires_subprocess", "requires_resource",
           "is_resource_enabled", "ALWAYS_EQ", "NEVER_EQ", "LARGEST", "SMALLEST",
           "swap_attr", "swap_item", "captured_output", "captured_stdout", "captured_stderr",
           "run_with_locale", "no_tracing", "get_attribute", "with_pymalloc",
           "is_emscripten", "is_wasi", "has_subprocess_support", "SHORT_TIMEOUT",
           "LONG_TIMEOUT", "bigmemtest", "reap_children", "Error", "TestFailed",
           "requires_IEEE_754", "requires_docstrings", "requires_legacy_unicode_capi",
           "check_sanitizer", "darwin_malloc_err_warning", "check_syntax_error",
           "check_free_after_iterating", "NHASHBITS", "collision_stats",
           "adjust_int_max_str_digits"]

# unittest.main runs a test file at verbosity 1 (regrtest lowers it to 0 with -q)
verbose = 1
# None: every resource ("cpu", "network", ...) is enabled, as when a file runs on its own
use_resources = None

is_jython = False
is_android = False
is_emscripten = False
is_wasi = False
has_subprocess_support = False

SHORT_TIMEOUT = 30.0
LONG_TIMEOUT = 5 * 60.0
LOOPBACK_TIMEOUT = 5.0
INTERNET_TIMEOUT = 60.0


class Error(Exception):
    """Base class for regression test exceptions."""


class TestFailed(Error):
    """Test failed."""


class ResourceDenied(unittest.SkipTest):
    """A test needs a resource (network, cpu, ...) that is not enabled."""


def _id(obj):
    return obj


def gc_collect():
    """Collects as much garbage as possible: three full collections, as CPython's does."""
    gc.collect()
    gc.collect()
    gc.collect()


@contextlib.contextmanager
def disable_gc():
    """Disables automatic collection for the with block."""
    have_gc = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if have_gc:
            gc.enable()


def _parse_guards(guards):
    if not guards:
        return ({"cpython": True}, False)
    is_true = list(guards.values())[0]
    for value in guards.values():
        if value != is_true:
            raise AssertionError("all guards must be true or all false")
    return (guards, not is_true)


# Implementations whose memory management these tests probe: pymm rebuilds CPython's
# (reference counts, the generational collector, gc and sys introspection), so a test
# guarded as a CPython implementation detail applies to it as well.
_CPYTHON_COMPATIBLE = ("cpython", "pymm")


def check_impl_detail(**guards):
    """True if the running implementation matches the guards (default: CPython only)."""
    guards, default = _parse_guards(guards)
    name = sys.implementation.name
    if name in _CPYTHON_COMPATIBLE and "cpython" in guards:
        return guards["cpython"]
    return guards.get(name, default)


def impl_detail(msg=None, **guards):
    """Skips the decorated test unless check_impl_detail(**guards)."""
    if check_impl_detail(**guards):
        return _id
    if msg is None:
        guardnames, default = _parse_guards(guards)
        if default:
            msg = "implementation detail not available on {0}"
        else:
            msg = "implementation detail specific to {0}"
        msg = msg.format(" or ".join(sorted(guardnames.keys())))
    return unittest.skip(msg)


def cpython_only(test):
    """Decorator for tests of CPython implementation details."""
    return impl_detail(cpython=True)(test)


def no_tracing(func):
    """Runs func with no trace function set (pymm has none to unset)."""
    return func


def refcount_test(test):
    """Decorator for tests that involve reference counts."""
    return no_tracing(cpython_only(test))


def requires_subprocess():
    """Skips the decorated test: pymm cannot start subprocesses."""
    return unittest.skipUnless(has_subprocess_support, "requires subprocess support")


def is_resource_enabled(resource):
    return use_resources is None or resource in use_resources


def requires(resource, msg=None):
    if not is_resource_enabled(resource):
        if msg is None:
            msg = "Use of the %r resource not enabled" % resource
        raise ResourceDenied(msg)


def requires_resource(resource):
    if is_resource_enabled(resource):
        return _id
    return unittest.skip("resource {0!r} is not enabled".format(resource))


def bigmemtest(size, memuse, dry_run=True):
    """Runs the decorated test(self, size) with a small size, as without -M."""
    def decorator(f):
        def wrapper(self):
            if not dry_run:
                raise unittest.SkipTest("not enough memory: test needs a -M limit")
            return f(self, 5147)
        wrapper.__name__ = f.__name__
        wrapper.size = size
        wrapper.memuse = memuse
        return wrapper
    return decorator


def run_with_locale(catstr, *locales):
    """Skips the decorated test: pymm has no locale module."""
    return unittest.skip("requires the locale module")


def requires_IEEE_754(test):
    """pymm's floats are IEEE 754 doubles: the decorated test runs."""
    return test


def requires_docstrings(test):
    """pymm keeps docstrings: the decorated test runs."""
    return test


def requires_legacy_unicode_capi(test):
    """Skips the decorated test: pymm has no C API."""
    return unittest.skip("requires the legacy Unicode C API")(test)


def check_sanitizer(*, address=False, memory=False, ub=False):
    """False: pymm is not built with a sanitizer."""
    return False


def darwin_malloc_err_warning(test_name):
    """Nothing to do: the warning is about macOS's malloc."""


def with_pymalloc():
    """True: pymm's small objects come from a pool allocator after pymalloc's."""
    return True


def reap_children():
    """Nothing to reap: pymm starts no child processes."""


def get_attribute(obj, name):
    """getattr(obj, name), or skip the test if obj has no such attribute."""
    try:
        return getattr(obj, name)
    except AttributeError:
        raise unittest.SkipTest("object %r has no attribute %r" % (obj, name))


@contextlib.contextmanager
def swap_attr(obj, attr, new_val):
    """Sets obj.attr to new_val for the with block, then restores (or deletes) it."""
    if hasattr(obj, attr):
        real_val = getattr(obj, attr)
        setattr(obj, attr, new_val)
        try:
            yield real_val
        finally:
            setattr(obj, attr, real_val)
    else:
        setattr(obj, attr, new_val)
        try:
            yield
        finally:
            if hasattr(obj, attr):
                delattr(obj, attr)


@contextlib.contextmanager
def swap_item(obj, item, new_val):
    """Sets obj[item] to new_val for the with block, then restores (or deletes) it."""
    if item in obj:
        real_val = obj[item]
        obj[item] = new_val
        try:
            yield real_val
        finally:
            obj[item] = real_val
    else:
        obj[item] = new_val
        try:
            yield
        finally:
            if item in obj:
                del obj[item]


@contextlib.contextmanager
def captured_output(stream_name):
    """Replaces sys.<stream_name> by a StringIO for the with block and yields it."""
    import io
    orig_stdout = getattr(sys, stream_name)
    setattr(sys, stream_name, io.StringIO())
    try:
        yield getattr(sys, stream_name)
    finally:
        setattr(sys, stream_name, orig_stdout)


def captured_stdout():
    return captured_output("stdout")


def captured_stderr():
    return captured_output("stderr")


def captured_stdin():
    return captured_output("stdin")


class _ALWAYS_EQ:
    """Object that is equal to anything."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


ALWAYS_EQ = _ALWAYS_EQ()


class _NEVER_EQ:
    """Object that is not equal to anything."""

    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    def __hash__(self):
        return 1


NEVER_EQ = _NEVER_EQ()


class _LARGEST:
    """Object that is greater than anything (except itself)."""

    def __eq__(self, other):
        return isinstance(other, _LARGEST)

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return not isinstance(other, _LARGEST)

    def __hash__(self):
        return 1


LARGEST = _LARGEST()


class _SMALLEST:
    """Object that is less than anything (except itself)."""

    def __eq__(self, other):
        return isinstance(other, _SMALLEST)

    def __gt__(self, other):
        return False

    def __lt__(self, other):
        return not isinstance(other, _SMALLEST)

    def __hash__(self):
        return 1


SMALLEST = _SMALLEST()


def check_syntax_error(testcase, statement, errtext='', *, lineno=None, offset=None):
    with testcase.assertRaisesRegex(SyntaxError, errtext) as cm:
        compile(statement, '<test string>', 'exec')
    err = cm.exception
    testcase.assertIsNotNone(err.lineno)
    if lineno is not None:
        testcase.assertEqual(err.lineno, lineno)
    testcase.assertIsNotNone(err.offset)
    if offset is not None:
        testcase.assertEqual(err.offset, offset)


def check_free_after_iterating(test, iter, cls, args=()):
    class A(cls):
        def __del__(self):
            nonlocal done
            done = True
            try:
                next(it)
            except StopIteration:
                pass

    done = False
    it = iter(A(*args))
    # Issue 26494: Shouldn't crash
    test.assertRaises(StopIteration, next, it)
    # The sequence should be deallocated just after the end of iterating
    gc_collect()
    test.assertTrue(done)


# Helpers for testing hashing.
NHASHBITS = sys.hash_info.width  # number of bits in hash() result
assert NHASHBITS in (32, 64)


def collision_stats(nbins, nballs):
    """Mean and standard deviation of the number of collisions when tossing `nballs`
    balls uniformly at random into `nbins` bins (CPython's formula, in decimal for the
    precision the cancellation needs)."""
    n, k = nbins, nballs
    import decimal
    with decimal.localcontext() as ctx:
        bits = n.bit_length() * 2  # bits in n**2
        ctx.prec = max(bits, 30)
        dn = decimal.Decimal(n)
        p1empty = ((dn - 1) / dn) ** k
        meanempty = n * p1empty
        occupied = n - meanempty
        collisions = k - occupied
        var = dn*(dn-1)*((dn-2)/dn)**k + meanempty * (1 - meanempty)
        return float(collisions), float(var.sqrt())


@contextlib.contextmanager
def adjust_int_max_str_digits(max_digits):
    """Temporarily change the integer string conversion length limit. pymm's ints have no
    such limit (as a limit of 0): there is nothing to change."""
    if not hasattr(sys, "set_int_max_str_digits"):
        yield
        return
    current = sys.get_int_max_str_digits()
    try:
        sys.set_int_max_str_digits(max_digits)
        yield
    finally:
        sys.set_int_max_str_digits(current)
