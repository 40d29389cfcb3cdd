# Runs the tests of one of the CPython test files here and prints one line per test:
# "PASS id", "FAIL id", "ERROR id", "SKIP id: reason", "XFAIL id" or "XPASS id", then a
# summary line. The same script runs under python3 (with CPython's own unittest and
# test.support) and under pymm (with pymm's), so that the two can be compared test by test.
#
#     python3 run.py test_gc
#     pymm run run.py test_gc

import sys
import unittest


class LineResult(unittest.TestResult):
    """Remembers each test's outcome; a test with a failing subtest has failed."""

    def __init__(self):
        super().__init__()
        self.outcomes = {}
        self.order = []

    def _set(self, test, outcome, detail=""):
        test_id = test.id()
        if test_id not in self.outcomes:
            self.order.append(test_id)
        previous = self.outcomes.get(test_id)
        # a failed subtest outlives the test's later success
        if previous is not None and previous[0] in ("FAIL", "ERROR") and outcome == "PASS":
            return
        self.outcomes[test_id] = (outcome, detail)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._set(test, "PASS")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set(test, "FAIL", _describe(err))

    def addError(self, test, err):
        super().addError(test, err)
        self._set(test, "ERROR", _describe(err))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "FAIL" if issubclass(err[0], test.failureException) else "ERROR"
            self._set(test, kind, _describe(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._set(test, "SKIP", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._set(test, "XFAIL")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._set(test, "XPASS")


def _describe(err):
    exc_type, exc, _ = err
    text = str(exc).split("\n")[0]
    return "%s: %s" % (exc_type.__name__, text[:200])


def main():
    name = sys.argv[1]
    module = __import__(name)
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    result = LineResult()
    suite.run(result)
    counts = {}
    for test_id in result.order:
        outcome, detail = result.outcomes[test_id]
        counts[outcome] = counts.get(outcome, 0) + 1
        print("%s %s%s" % (outcome, test_id, ": " + detail if detail else ""))
    print("SUMMARY %s %s" % (name, " ".join(
        "%s=%d" % (k, counts[k]) for k in sorted(counts))))


main()
