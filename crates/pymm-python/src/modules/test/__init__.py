# pymm's `test` package: as CPython's Lib/test, the home of `test.support`, the helpers that
# CPython's own test files import.
