# pymm's unittest module, written in Python after CPython's Lib/unittest: TestCase with its
# assert methods, fixtures (setUp/tearDown, setUpClass/tearDownClass, addCleanup), skips and
# expected failures, subTest, TestSuite, TestLoader (with the load_tests protocol),
# TestResult, TextTestRunner and main with the usual report.

import sys
import time

__all__ = ["TestResult", "TestCase", "TestSuite", "TextTestRunner", "TestLoader",
           "FunctionTestCase", "main", "defaultTestLoader", "SkipTest", "skip", "skipIf",
           "skipUnless", "expectedFailure", "TextTestResult"]

__unittest = True


class SkipTest(Exception):
    """Raise this in a test (or setUp) to skip it; the argument is the reason."""


class _ShouldStop(Exception):
    """Stops a test run early."""


def _id(obj):
    return obj


def skip(reason):
    """Skips the decorated test (a method or a whole TestCase class)."""
    def decorator(test_item):
        if not isinstance(test_item, type):
            def skip_wrapper(*args, **kwargs):
                raise SkipTest(reason)
            skip_wrapper.__name__ = getattr(test_item, "__name__", "skip_wrapper")
            skip_wrapper.__doc__ = getattr(test_item, "__doc__", None)
            test_item = skip_wrapper
        test_item.__unittest_skip__ = True
        test_item.__unittest_skip_why__ = reason
        return test_item
    if isinstance(reason, type(_id)):
        test_item = reason
        reason = ""
        return decorator(test_item)
    return decorator


def skipIf(condition, reason):
    """Skips the decorated test if condition is true."""
    if condition:
        return skip(reason)
    return _id


def skipUnless(condition, reason):
    """Skips the decorated test unless condition is true."""
    if not condition:
        return skip(reason)
    return _id


def expectedFailure(test_item):
    """Marks a test that is expected to fail: its failure is not counted as one."""
    test_item.__unittest_expecting_failure__ = True
    return test_item


def _safe_repr(obj, short=False):
    try:
        result = repr(obj)
    except Exception:
        result = object.__repr__(obj)
    if not short or len(result) < 80:
        return result
    return result[:80] + " [truncated]..."


def _exc_info(exc):
    """What sys.exc_info() gives while exc is handled: the form TestResult methods take."""
    return (type(exc), exc, exc.__traceback__)


def _exc_text(err):
    """The traceback of an exception (given as an exc_info triple), without the frames of
    this module, as CPython's unittest reports it."""
    import traceback
    kept = []
    skipping = False
    for line in traceback.format_exception(err[1]):
        if line.startswith('  File "<unittest>"'):
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept).rstrip("\n")


class _Outcome:
    """What running one test (its fixtures and subtests) found."""

    def __init__(self, result):
        self.result = result
        self.expecting_failure = False
        self.success = True
        self.expected_failure = None
        self.result_supports_subtests = hasattr(result, "addSubTest")

    def run(self, test_case, func, is_test=False):
        """Calls func, reporting what it raises; True if it returned normally."""
        old_success = self.success
        self.success = True
        try:
            func()
        except KeyboardInterrupt:
            raise
        except SkipTest as e:
            self.success = False
            self.result.addSkip(test_case, str(e))
        except BaseException as e:
            self.success = False
            if is_test and self.expecting_failure:
                self.expected_failure = _exc_info(e)
            elif isinstance(e, test_case.failureException):
                self.result.addFailure(test_case, _exc_info(e))
            else:
                self.result.addError(test_case, _exc_info(e))
        ok = self.success
        self.success = self.success and old_success
        return ok


class _AssertRaisesContext:
    """What assertRaises and assertRaisesRegex return when used with `with`."""

    def __init__(self, expected, test_case, expected_regex=None, msg=None):
        self.expected = expected
        self.test_case = test_case
        self.expected_regex = expected_regex
        self.msg = msg
        self.exception = None

    def _name(self):
        expected = self.expected
        if isinstance(expected, tuple):
            return ", ".join(e.__name__ for e in expected)
        return expected.__name__

    def handle(self, name, args, kwargs):
        """assertRaises(exc, callable, *args, **kwargs) and its context-manager form."""
        if not args:
            if kwargs:
                raise TypeError("%r is an invalid keyword argument for this function"
                                % (next(iter(kwargs)),))
            return self
        callable_obj = args[0]
        if not callable(callable_obj):
            raise TypeError("%s() arg 1 must be a callable" % name)
        with self:
            callable_obj(*args[1:], **kwargs)
        return None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            msg = "%s not raised" % self._name()
            self.test_case.fail(self.test_case._formatMessage(self.msg, msg))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.expected_regex is None:
            return True
        import re
        pattern = self.expected_regex
        if isinstance(pattern, str):
            pattern = re.compile(pattern)
        if not pattern.search(str(exc_value)):
            msg = '"%s" does not match "%s"' % (pattern.pattern, str(exc_value))
            self.test_case.fail(self.test_case._formatMessage(self.msg, msg))
        return True


class _SubTest:
    """The test that a `with self.subTest(...)` block reports as."""

    def __init__(self, test_case, message, params):
        self.test_case = test_case
        self._message = message
        self.params = params
        self.failureException = test_case.failureException

    def _subDescription(self):
        parts = []
        if self._message is not None:
            parts.append("[{}]".format(self._message))
        if self.params:
            parts.append("({})".format(", ".join(
                "{}={!r}".format(k, v) for k, v in self.params.items())))
        return " ".join(parts) or "(<subtest>)"

    def id(self):
        return "{} {}".format(self.test_case.id(), self._subDescription())

    def shortDescription(self):
        return self.test_case.shortDescription()

    def __str__(self):
        return "{} {}".format(self.test_case, self._subDescription())


class _SubTestContext:
    def __init__(self, test_case, msg, params):
        self.test_case = test_case
        self.msg = msg
        self.params = params

    def __enter__(self):
        case = self.test_case
        self.parent = case._subtest
        params = dict(self.parent.params) if self.parent is not None else {}
        params.update(self.params)
        case._subtest = _SubTest(case, self.msg, params)
        return None

    def __exit__(self, exc_type, exc_value, tb):
        case = self.test_case
        outcome = case._outcome
        subtest = case._subtest
        case._subtest = self.parent
        if outcome is None or not outcome.result_supports_subtests:
            return False
        if exc_type is None:
            outcome.result.addSubTest(case, subtest, None)
            return False
        if issubclass(exc_type, SkipTest):
            outcome.result.addSkip(subtest, str(exc_value))
            return True
        if not issubclass(exc_type, Exception):
            return False
        if outcome.expecting_failure:
            outcome.expected_failure = _exc_info(exc_value)
        else:
            outcome.result.addSubTest(case, subtest, _exc_info(exc_value))
        outcome.success = False
        return True


class TestCase:
    """A class whose test_* methods are tests; each runs between setUp and tearDown."""

    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8
    _classSetupFailed = False

    def __init__(self, methodName="runTest"):
        self._testMethodName = methodName
        self._outcome = None
        self._subtest = None
        self._cleanups = []
        self._testMethodDoc = "No test"
        if methodName != "runTest" or hasattr(self, methodName):
            try:
                method = getattr(self, methodName)
            except AttributeError:
                raise ValueError("no such test method in %s: %s"
                                 % (self.__class__, methodName))
            self._testMethodDoc = getattr(method, "__doc__", None)

    @classmethod
    def setUpClass(cls):
        "Hook method for setting up class fixture before running tests in the class."

    @classmethod
    def tearDownClass(cls):
        "Hook method for deconstructing the class fixture after running all tests in the class."

    def setUp(self):
        "Hook method for setting up the test fixture before exercising it."

    def tearDown(self):
        "Hook method for deconstructing the test fixture after testing it."

    def addCleanup(self, function, *args, **kwargs):
        """Calls function(*args, **kwargs) after tearDown (last added, first called)."""
        self._cleanups.append((function, args, kwargs))

    def enterContext(self, cm):
        """Enters a context manager and adds its __exit__ as a cleanup."""
        result = type(cm).__enter__(cm)
        self.addCleanup(type(cm).__exit__, cm, None, None, None)
        return result

    def doCleanups(self):
        """Runs the cleanups; reports what they raise."""
        outcome = self._outcome
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            if outcome is not None:
                outcome.run(self, lambda: function(*args, **kwargs))
            else:
                function(*args, **kwargs)
        return outcome.success if outcome is not None else True

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return TestResult()

    def shortDescription(self):
        doc = self._testMethodDoc
        return doc.strip().split("\n")[0].strip() if doc else None

    def id(self):
        return "%s.%s.%s" % (self.__class__.__module__, self.__class__.__qualname__,
                             self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def __str__(self):
        return "%s (%s.%s.%s)" % (self._testMethodName, self.__class__.__module__,
                                  self.__class__.__qualname__, self._testMethodName)

    def __repr__(self):
        return "<%s.%s testMethod=%s>" % (self.__class__.__module__,
                                          self.__class__.__qualname__, self._testMethodName)

    def subTest(self, msg=None, **params):
        """A block reported on its own: a failure inside it does not end the test."""
        return _SubTestContext(self, msg, params)

    def run(self, result=None):
        """Runs the test, reporting to result."""
        if result is None:
            result = self.defaultTestResult()
        result.startTest(self)
        try:
            test_method = getattr(self, self._testMethodName)
            if (getattr(self.__class__, "__unittest_skip__", False) or
                    getattr(test_method, "__unittest_skip__", False)):
                why = (getattr(self.__class__, "__unittest_skip_why__", "") or
                       getattr(test_method, "__unittest_skip_why__", ""))
                result.addSkip(self, why)
                return result
            outcome = _Outcome(result)
            outcome.expecting_failure = (
                getattr(self, "__unittest_expecting_failure__", False) or
                getattr(test_method, "__unittest_expecting_failure__", False))
            self._outcome = outcome
            try:
                if outcome.run(self, self.setUp):
                    outcome.run(self, test_method, is_test=True)
                    outcome.run(self, self.tearDown)
                self.doCleanups()
                if outcome.success:
                    if outcome.expecting_failure:
                        if outcome.expected_failure is not None:
                            result.addExpectedFailure(self, outcome.expected_failure)
                        else:
                            result.addUnexpectedSuccess(self)
                    else:
                        result.addSuccess(self)
                elif outcome.expecting_failure and outcome.expected_failure is not None:
                    result.addExpectedFailure(self, outcome.expected_failure)
                return result
            finally:
                outcome.expected_failure = None
                self._outcome = None
        finally:
            result.stopTest(self)

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        """Runs the test without collecting errors in a TestResult."""
        self.setUp()
        getattr(self, self._testMethodName)()
        self.tearDown()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    def skipTest(self, reason):
        """Skips this test."""
        raise SkipTest(reason)

    def fail(self, msg=None):
        """Fails immediately, with the given message."""
        raise self.failureException(msg)

    def _formatMessage(self, msg, standardMsg):
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        return "%s : %s" % (standardMsg, msg)

    # -- assertions ---------------------------------------------------------------------

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, "%s is not true" % _safe_repr(expr)))

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, "%s is not false" % _safe_repr(expr)))

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            standard = "%s != %s" % (_safe_repr(first, True), _safe_repr(second, True))
            self.fail(self._formatMessage(msg, standard))

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            standard = "%s == %s" % (_safe_repr(first), _safe_repr(second))
            self.fail(self._formatMessage(msg, standard))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            standard = "%s is not %s" % (_safe_repr(expr1), _safe_repr(expr2))
            self.fail(self._formatMessage(msg, standard))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, "unexpectedly identical: %s" % _safe_repr(expr1)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, "%s is not None" % _safe_repr(obj)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, "unexpectedly None"))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            standard = "%s not found in %s" % (_safe_repr(member), _safe_repr(container))
            self.fail(self._formatMessage(msg, standard))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            standard = "%s unexpectedly found in %s" % (_safe_repr(member),
                                                        _safe_repr(container))
            self.fail(self._formatMessage(msg, standard))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            standard = "%s is not an instance of %r" % (_safe_repr(obj), cls)
            self.fail(self._formatMessage(msg, standard))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            standard = "%s is an instance of %r" % (_safe_repr(obj), cls)
            self.fail(self._formatMessage(msg, standard))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, "%s not greater than %s"
                                          % (_safe_repr(a), _safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, "%s not greater than or equal to %s"
                                          % (_safe_repr(a), _safe_repr(b))))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, "%s not less than %s"
                                          % (_safe_repr(a), _safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, "%s not less than or equal to %s"
                                          % (_safe_repr(a), _safe_repr(b))))

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if diff <= delta:
                return
            standard = "%s != %s within %s delta (%s difference)" % (
                _safe_repr(first), _safe_repr(second), _safe_repr(delta), _safe_repr(diff))
        else:
            if places is None:
                places = 7
            if round(diff, places) == 0:
                return
            standard = "%s != %s within %r places (%s difference)" % (
                _safe_repr(first), _safe_repr(second), places, _safe_repr(diff))
        self.fail(self._formatMessage(msg, standard))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if not (first == second) and diff > delta:
                return
        else:
            if places is None:
                places = 7
            if not (first == second) and round(diff, places) != 0:
                return
        self.fail(self._formatMessage(msg, "%s == %s" % (_safe_repr(first),
                                                          _safe_repr(second))))

    def assertSequenceEqual(self, seq1, seq2, msg=None, seq_type=None):
        if seq_type is not None and not isinstance(seq1, seq_type):
            self.fail(self._formatMessage(msg, "First sequence is not a %s: %s"
                                          % (seq_type.__name__, _safe_repr(seq1))))
        if seq_type is not None and not isinstance(seq2, seq_type):
            self.fail(self._formatMessage(msg, "Second sequence is not a %s: %s"
                                          % (seq_type.__name__, _safe_repr(seq2))))
        if len(seq1) != len(seq2) or any(a != b for a, b in zip(seq1, seq2)):
            self.fail(self._formatMessage(msg, "Sequences differ: %s != %s"
                                          % (_safe_repr(seq1, True), _safe_repr(seq2, True))))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertSequenceEqual(list1, list2, msg, seq_type=list)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertSequenceEqual(tuple1, tuple2, msg, seq_type=tuple)

    def assertDictEqual(self, d1, d2, msg=None):
        self.assertIsInstance(d1, dict, "First argument is not a dictionary")
        self.assertIsInstance(d2, dict, "Second argument is not a dictionary")
        self.assertEqual(d1, d2, msg)

    def assertSetEqual(self, set1, set2, msg=None):
        self.assertEqual(set1, set2, msg)

    def assertMultiLineEqual(self, first, second, msg=None):
        self.assertIsInstance(first, str, "First argument is not a string")
        self.assertIsInstance(second, str, "Second argument is not a string")
        self.assertEqual(first, second, msg)

    def assertCountEqual(self, first, second, msg=None):
        first, second = list(first), list(second)
        missing = list(second)
        unexpected = []
        for item in first:
            if item in missing:
                missing.remove(item)
            else:
                unexpected.append(item)
        if missing or unexpected:
            standard = "Element counts were not equal: first has %s, second has %s" % (
                _safe_repr(unexpected), _safe_repr(missing))
            self.fail(self._formatMessage(msg, standard))

    def assertRaises(self, expected_exception, *args, **kwargs):
        """Fails unless calling args[0](*args[1:], **kwargs) (or the with block) raises."""
        msg = kwargs.pop("msg", None) if not args else None
        context = _AssertRaisesContext(expected_exception, self, msg=msg)
        return context.handle("assertRaises", args, kwargs)

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        """As assertRaises, and the exception's str must match expected_regex."""
        msg = kwargs.pop("msg", None) if not args else None
        context = _AssertRaisesContext(expected_exception, self, expected_regex, msg)
        return context.handle("assertRaisesRegex", args, kwargs)

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if isinstance(expected_regex, str):
            expected_regex = re.compile(expected_regex)
        if not expected_regex.search(text):
            standard = "Regex didn't match: %r not found in %r" % (expected_regex.pattern, text)
            self.fail(self._formatMessage(msg, standard))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        if isinstance(unexpected_regex, str):
            unexpected_regex = re.compile(unexpected_regex)
        match = unexpected_regex.search(text)
        if match:
            standard = "Regex matched: %r matches %r in %r" % (
                text[match.start():match.end()], unexpected_regex.pattern, text)
            self.fail(self._formatMessage(msg, standard))

    assertEquals = assertEqual
    assertNotEquals = assertNotEqual
    assert_ = assertTrue


class FunctionTestCase(TestCase):
    """A test case that runs a plain function."""

    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        super().__init__()
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown
        self._testFunc = testFunc
        self._description = description

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __str__(self):
        return "%s (%s)" % (self.__class__.__name__, self._testFunc.__name__)


class TestSuite:
    """A group of tests (cases or suites) run in order; class fixtures run once a class."""

    def __init__(self, tests=()):
        self._tests = []
        self.addTests(tests)

    def __iter__(self):
        return iter(self._tests)

    def countTestCases(self):
        return sum(test.countTestCases() for test in self._tests)

    def addTest(self, test):
        if not callable(test):
            raise TypeError("{} is not callable".format(repr(test)))
        if isinstance(test, type) and issubclass(test, (TestCase, TestSuite)):
            raise TypeError("TestCases and TestSuites must be instantiated "
                            "before passing them to addTest()")
        self._tests.append(test)

    def addTests(self, tests):
        if isinstance(tests, str):
            raise TypeError("tests must be an iterable of tests, not a string")
        for test in tests:
            self.addTest(test)

    def run(self, result, debug=False):
        top_level = not getattr(result, "_testRunEntered", False)
        if top_level:
            result._testRunEntered = True
        for test in self:
            if result.shouldStop:
                break
            if isinstance(test, TestCase):
                self._set_up_module(test, result)
                if result._moduleSetUpFailed:
                    continue
                self._set_up_class(test, result)
                if test.__class__._classSetupFailed:
                    continue
            test(result)
        if top_level:
            self._tear_down_previous_class(result)
            self._tear_down_previous_module(result)
            result._testRunEntered = False
        return result

    def _set_up_module(self, test, result):
        """Runs the module's setUpModule when the first test of a module comes (the
        previous module's tearDownModule first), as CPython's _handleModuleFixture."""
        current = test.__class__.__module__
        if current == getattr(result, "_previousModule", None):
            return
        self._tear_down_previous_class(result)
        self._tear_down_previous_module(result)
        result._previousModule = current
        result._moduleSetUpFailed = False
        set_up = getattr(sys.modules.get(current), "setUpModule", None)
        if set_up is None:
            return
        try:
            set_up()
        except SkipTest as e:
            result._moduleSetUpFailed = True
            result.addSkip(_ErrorHolder("setUpModule (%s)" % current), str(e))
        except Exception as e:
            result._moduleSetUpFailed = True
            result.addError(_ErrorHolder("setUpModule (%s)" % current), _exc_info(e))

    def _tear_down_previous_module(self, result):
        previous = getattr(result, "_previousModule", None)
        result._previousModule = None
        if previous is None or getattr(result, "_moduleSetUpFailed", False):
            return
        tear_down = getattr(sys.modules.get(previous), "tearDownModule", None)
        if tear_down is None:
            return
        try:
            tear_down()
        except Exception as e:
            result.addError(_ErrorHolder("tearDownModule (%s)" % previous), _exc_info(e))

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def _set_up_class(self, test, result):
        current = test.__class__
        previous = getattr(result, "_previousTestClass", None)
        if current is previous:
            return
        self._tear_down_previous_class(result)
        result._previousTestClass = current
        current._classSetupFailed = False
        if getattr(current, "__unittest_skip__", False):
            return
        try:
            current.setUpClass()
        except SkipTest as e:
            current._classSetupFailed = True
            result.addSkip(_ErrorHolder("setUpClass (%s.%s)" % (current.__module__,
                                                               current.__qualname__)), str(e))
        except Exception as e:
            current._classSetupFailed = True
            result.addError(_ErrorHolder("setUpClass (%s.%s)" % (current.__module__,
                                                                current.__qualname__)),
                            _exc_info(e))

    def _tear_down_previous_class(self, result):
        previous = getattr(result, "_previousTestClass", None)
        result._previousTestClass = None
        if previous is None or previous._classSetupFailed:
            return
        if getattr(previous, "__unittest_skip__", False):
            return
        try:
            previous.tearDownClass()
        except Exception as e:
            result.addError(_ErrorHolder("tearDownClass (%s.%s)" % (previous.__module__,
                                                                   previous.__qualname__)),
                            _exc_info(e))


class _ErrorHolder:
    """Stands for a class fixture that failed, in the result's lists."""

    failureException = None

    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def shortDescription(self):
        return None

    def __str__(self):
        return self.id()

    def countTestCases(self):
        return 0


class TestLoader:
    """Finds the tests of a TestCase class, a module, or a dotted name."""

    testMethodPrefix = "test"
    suiteClass = TestSuite

    def __init__(self):
        self.errors = []

    def getTestCaseNames(self, testCaseClass):
        """The test method names of a class, sorted."""
        names = []
        for name in dir(testCaseClass):
            if name.startswith(self.testMethodPrefix) and callable(
                    getattr(testCaseClass, name, None)):
                names.append(name)
        names.sort()
        return names

    def loadTestsFromTestCase(self, testCaseClass):
        if issubclass(testCaseClass, TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite."
                            " Maybe you meant to derive from TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, "runTest"):
            names = ["runTest"]
        return self.suiteClass([testCaseClass(name) for name in names])

    def loadTestsFromModule(self, module, *args, pattern=None, **kws):
        tests = []
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, TestCase) and obj is not TestCase \
                    and obj is not FunctionTestCase:
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, "load_tests", None)
        tests = self.suiteClass(tests)
        if load_tests is not None:
            return load_tests(self, tests, pattern)
        return tests

    def loadTestsFromName(self, name, module=None):
        parts = name.split(".")
        if module is None:
            parts_copy = parts[:]
            while parts_copy:
                try:
                    module = __import__(".".join(parts_copy))
                    break
                except ImportError:
                    del parts_copy[-1]
                    if not parts_copy:
                        raise
            parts = parts[1:]
        obj = module
        parent = None
        for part in parts:
            parent, obj = obj, getattr(obj, part)
        if type(obj).__name__ == "module":
            return self.loadTestsFromModule(obj)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            return self.loadTestsFromTestCase(obj)
        if isinstance(parent, type) and issubclass(parent, TestCase):
            return self.suiteClass([parent(parts[-1])])
        if isinstance(obj, TestSuite):
            return obj
        if callable(obj):
            test = obj()
            if isinstance(test, (TestCase, TestSuite)):
                return test
        raise TypeError("don't know how to make test from: %s" % obj)

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(name, module) for name in names])


defaultTestLoader = TestLoader()


class TestResult:
    """Holds what a run found: failures, errors, skips, expected failures."""

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.failfast = False
        self._previousTestClass = None
        self._testRunEntered = False

    def startTest(self, test):
        self.testsRun += 1

    def stopTest(self, test):
        pass

    def startTestRun(self):
        pass

    def stopTestRun(self):
        pass

    def addSuccess(self, test):
        pass

    def addError(self, test, err):
        self.errors.append((test, _exc_text(err)))
        if self.failfast:
            self.stop()

    def addFailure(self, test, err):
        self.failures.append((test, _exc_text(err)))
        if self.failfast:
            self.stop()

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self.failures.append((subtest, _exc_text(err)))
            else:
                self.errors.append((subtest, _exc_text(err)))
            if self.failfast:
                self.stop()

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, _exc_text(err)))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        return (len(self.failures) == len(self.errors) == 0 and
                not self.unexpectedSuccesses)

    def stop(self):
        self.shouldStop = True

    def __repr__(self):
        return "<%s.%s run=%i errors=%i failures=%i>" % (
            type(self).__module__, type(self).__qualname__, self.testsRun,
            len(self.errors), len(self.failures))


class TextTestResult(TestResult):
    """Reports each test on a stream: a dot (or a line with verbosity 2) per test."""

    separator1 = "=" * 70
    separator2 = "-" * 70

    def __init__(self, stream, descriptions, verbosity):
        super().__init__(stream, descriptions, verbosity)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions
        self._newline = True

    def getDescription(self, test):
        doc = test.shortDescription()
        if self.descriptions and doc:
            return "\n".join((str(test), doc))
        return str(test)

    def _write(self, text):
        self.stream.write(text)
        if hasattr(self.stream, "flush"):
            self.stream.flush()

    def startTest(self, test):
        super().startTest(test)
        if self.showAll:
            self._write(self.getDescription(test) + " ... ")
            self._newline = False

    def _report(self, long, short, test=None):
        if self.showAll:
            # a subtest's outcome gets its own indented line
            is_subtest = isinstance(test, _SubTest)
            if is_subtest or self._newline:
                if not self._newline:
                    self._write("\n")
                if is_subtest:
                    self._write("  ")
                self._write(self.getDescription(test) + " ... ")
            self._write(long + "\n")
            self._newline = True
        elif self.dots:
            self._write(short)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._report("ok", ".")

    def addError(self, test, err):
        super().addError(test, err)
        self._report("ERROR", "E")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._report("FAIL", "F")

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self._report("FAIL", "F", subtest)
            else:
                self._report("ERROR", "E", subtest)
        super().addSubTest(test, subtest, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._report("skipped {0!r}".format(reason), "s")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._report("expected failure", "x")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._report("unexpected success", "u")

    def printErrors(self):
        if self.dots or self.showAll:
            self._write("\n")
        for flavour, errors in (("ERROR", self.errors), ("FAIL", self.failures)):
            for test, err in errors:
                self._write(self.separator1 + "\n")
                self._write("%s: %s\n" % (flavour, self.getDescription(test)))
                self._write(self.separator2 + "\n")
                self._write("%s\n\n" % err)
        if self.unexpectedSuccesses:
            self._write(self.separator1 + "\n")
            for test in self.unexpectedSuccesses:
                self._write("UNEXPECTED SUCCESS: %s\n" % self.getDescription(test))


class TextTestRunner:
    """Runs a suite and prints the usual report (to stderr unless a stream is given)."""

    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False,
                 buffer=False, resultclass=None, warnings=None, tb_locals=False):
        self.stream = stream if stream is not None else sys.stderr
        self.descriptions = descriptions
        self.verbosity = verbosity
        self.failfast = failfast
        if resultclass is not None:
            self.resultclass = resultclass

    def _makeResult(self):
        return self.resultclass(self.stream, self.descriptions, self.verbosity)

    def run(self, test):
        result = self._makeResult()
        result.failfast = self.failfast
        start = time.perf_counter()
        result.startTestRun()
        try:
            test(result)
        finally:
            result.stopTestRun()
        taken = time.perf_counter() - start
        result.printErrors()
        write = self.stream.write
        write(result.separator2 + "\n")
        run = result.testsRun
        write("Ran %d test%s in %.3fs\n\n" % (run, run != 1 and "s" or "", taken))
        infos = []
        if not result.wasSuccessful():
            write("FAILED")
            if result.failures:
                infos.append("failures=%d" % len(result.failures))
            if result.errors:
                infos.append("errors=%d" % len(result.errors))
        elif run == 0 and not result.skipped:
            write("NO TESTS RAN")
        else:
            write("OK")
        if result.skipped:
            infos.append("skipped=%d" % len(result.skipped))
        if result.expectedFailures:
            infos.append("expected failures=%d" % len(result.expectedFailures))
        if result.unexpectedSuccesses:
            infos.append("unexpected successes=%d" % len(result.unexpectedSuccesses))
        if infos:
            write(" (%s)\n" % (", ".join(infos),))
        else:
            write("\n")
        return result


class TestProgram:
    """Runs the tests of a module from the command line: `main()` at a test file's end."""

    def __init__(self, module="__main__", defaultTest=None, argv=None, testRunner=None,
                 testLoader=defaultTestLoader, exit=True, verbosity=1, failfast=None,
                 catchbreak=None, buffer=None, warnings=None, tb_locals=False):
        if module is None:
            self.module = None
        elif isinstance(module, str):
            self.module = __import__(module)
            for part in module.split(".")[1:]:
                self.module = getattr(self.module, part)
        else:
            self.module = module
        if argv is None:
            argv = sys.argv
        self.verbosity = verbosity
        self.failfast = bool(failfast)
        self.testRunner = testRunner
        self.testLoader = testLoader
        self.exit = exit
        self.testNames = list(defaultTest) if isinstance(defaultTest, (list, tuple)) else (
            [defaultTest] if defaultTest else None)
        self._parse_args(argv[1:])
        self.runTests()

    def _parse_args(self, args):
        names = []
        for arg in args:
            if arg in ("-v", "--verbose"):
                self.verbosity = 2
            elif arg in ("-q", "--quiet"):
                self.verbosity = 0
            elif arg in ("-f", "--failfast"):
                self.failfast = True
            elif arg.startswith("-"):
                raise SystemExit("unittest: unknown option %s" % arg)
            else:
                names.append(arg)
        if names:
            self.testNames = names
        if self.testNames is None:
            if self.module is None:
                raise SystemExit("unittest: name the test modules to run (test discovery "
                                 "is not supported)")
            self.test = self.testLoader.loadTestsFromModule(self.module)
        else:
            self.test = self.testLoader.loadTestsFromNames(self.testNames, self.module)

    def runTests(self):
        runner = self.testRunner
        if runner is None:
            runner = TextTestRunner(verbosity=self.verbosity, failfast=self.failfast)
        elif isinstance(runner, type):
            runner = runner(verbosity=self.verbosity, failfast=self.failfast)
        self.result = runner.run(self.test)
        if self.exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram

