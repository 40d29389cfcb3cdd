# pymm's test.support.script_helper: running a child interpreter. pymm cannot start
# processes, so each helper skips the test that calls it.

import unittest

_REASON = "requires subprocess support"


def assert_python_ok(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def assert_python_failure(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def run_python_until_end(*args, **env_vars):
    raise unittest.SkipTest(_REASON)


def spawn_python(*args, **kw):
    raise unittest.SkipTest(_REASON)


def make_script(script_dir, script_basename, source, omit_suffix=False):
    """Writes source to script_dir/script_basename.py and returns its path."""
    import os
    name = script_basename + ("" if omit_suffix else os.extsep + "py")
    path = os.path.join(script_dir, name)
    with open(path, "w", encoding="utf-8") as script_file:
        script_file.write(source)
    return path
