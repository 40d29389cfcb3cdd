# unittest: fixtures, assertions, skips, expected failures, subTest, cleanups, the loader and
# the text runner's report (printed from a StringIO, with the time taken left out).
import io
import re
import unittest

events = []


class Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        events.append("setUpClass")

    @classmethod
    def tearDownClass(cls):
        events.append("tearDownClass")

    def setUp(self):
        self.value = 41
        self.addCleanup(events.append, "cleanup " + self._testMethodName)

    def tearDown(self):
        events.append("tearDown " + self._testMethodName)

    def test_asserts(self):
        self.value += 1
        self.assertEqual(self.value, 42)
        self.assertNotEqual(self.value, 41)
        self.assertTrue([1])
        self.assertFalse([])
        self.assertIs(None, None)
        self.assertIsNot([], [])
        self.assertIsNone(None)
        self.assertIn(2, [1, 2])
        self.assertNotIn(3, [1, 2])
        self.assertIsInstance(1, int)
        self.assertGreater(2, 1)
        self.assertLessEqual(1, 1)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertRegex("abc", "b.")
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
        with self.assertRaisesRegex(KeyError, "missing"):
            {}["missing"]
        with self.assertRaises(ValueError) as cm:
            int("x")
        self.assertIn("invalid literal", str(cm.exception))

    def test_failure(self):
        self.assertEqual(1, 2, "numbers differ")

    def test_error(self):
        raise RuntimeError("boom")

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.skipUnless(False, "condition false")
    def test_skipped_unless(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)

    @unittest.expectedFailure
    def test_unexpected_success(self):
        pass

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertNotEqual(i % 3, 2)

    def test_skip_inside(self):
        self.skipTest("decided at run time")


@unittest.skipIf(True, "whole class")
class Skipped(unittest.TestCase):
    def test_never(self):
        events.append("never")


buffer = io.StringIO()
runner = unittest.TextTestRunner(stream=buffer, verbosity=2)
program = unittest.main(module=__name__, argv=["prog"], exit=False, testRunner=runner)
report = re.sub(r"in \d+\.\d+s", "in <time>", buffer.getvalue())
report = re.sub(r'File ".*?([^/"]+)"', r'File "\1"', report)
for line in report.splitlines():
    print(line)
result = program.result
print("counts", result.testsRun, len(result.failures), len(result.errors),
      len(result.skipped), len(result.expectedFailures), len(result.unexpectedSuccesses))
print("successful", result.wasSuccessful())
print("events", events)
print("loader names", unittest.TestLoader().getTestCaseNames(Fixtures)[:3])
