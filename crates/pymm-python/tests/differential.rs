//! The differential suite: every `tests/py/*.py` script runs under `python3` (CPython 3.11)
//! and under `pymm run`, and both must print the same stdout lines and exit the same way.
//!
//! Scripts named `error_*.py` end with an uncaught exception: for them the last line of
//! stderr (`Type: message`) is compared too. Scripts listed in `tests/py/KNOWN_FAILURES`
//! are still run and must still fail; one that passes fails the suite, so that the list
//! can only shrink. `PYMM_PYTHON` names another CPython to compare with (default `python3`).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::known::KnownFailures;
use support::{
    file_name, map_in_parallel, pymm_binary, python_files, run_with_timeout, Ending, Outcome,
};

/// Scripts run at most this long under each interpreter: a guard against a hang, not a speed
/// test (the slowest script, the article's million-item generator sample, takes ~10 s of CPU
/// in a debug build and has taken over 60 s of wall time on a loaded two-core machine).
const TIMEOUT: Duration = Duration::from_secs(180);
/// Scripts run this many at a time (the test machines have two cores).
const WORKERS: usize = 2;

#[test]
fn every_script_prints_what_cpython_prints() {
    let python = cpython_or_fail();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("py");
    let scripts = python_files(&dir);
    assert!(!scripts.is_empty(), "no scripts found in {}", dir.display());
    let known = KnownFailures::read(&dir.join("KNOWN_FAILURES"));
    let unchecked_stdout = schedule_dependent(&dir);
    let results = run_all(&python, &scripts, &unchecked_stdout);
    let problems = known.verdicts(&results);
    let passed = results.iter().filter(|(_, r)| r.is_none()).count();
    eprintln!(
        "differential: {passed}/{} scripts match CPython ({} listed in KNOWN_FAILURES)",
        results.len(),
        known.names.len()
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// Under `PYMM_GC_STRESS` (a collection at every allocation), the scripts listed in
/// `STRESS_SCHEDULE_DEPENDENT` print when automatic collections ran, which stress mode changes
/// on purpose: their stdout is not compared then, only how they end.
fn schedule_dependent(dir: &Path) -> BTreeSet<String> {
    if std::env::var_os("PYMM_GC_STRESS").is_none() {
        return BTreeSet::new();
    }
    KnownFailures::read(&dir.join("STRESS_SCHEDULE_DEPENDENT")).names
}

/// The CPython to compare with; fails loudly when there is none.
fn cpython_or_fail() -> String {
    let python = std::env::var("PYMM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let mut command = Command::new(&python);
    command.arg("--version");
    match run_with_timeout(command, Duration::from_secs(20)) {
        Ok(run) if run.ending == Ending::Exited(0) => {
            let version = format!("{}{}", run.stdout, run.stderr);
            if !version.contains("Python 3.11") {
                eprintln!(
                    "!!! {python} is {}; the scripts expect CPython 3.11 !!!",
                    version.trim()
                );
            }
            python
        }
        other => {
            let banner = "!".repeat(78);
            eprintln!("{banner}\n!!! `{python} --version` failed ({other:?}).\n!!! The differential suite needs CPython 3.11 as `python3` (or set PYMM_PYTHON).\n{banner}");
            panic!("no CPython to compare with: `{python}` does not run");
        }
    }
}

/// Runs every script under both interpreters, `WORKERS` scripts at a time.
/// Returns, in script order, each script's name and its mismatch (None when it matches).
fn run_all(
    python: &str,
    scripts: &[PathBuf],
    unchecked_stdout: &BTreeSet<String>,
) -> Vec<(String, Option<String>)> {
    let outcomes = map_in_parallel(scripts, WORKERS, |script| {
        let checks = Checks {
            error_script: file_name(script).starts_with("error_"),
            stdout: !unchecked_stdout.contains(&file_name(script)),
        };
        check_script(python, script, checks)
    });
    scripts
        .iter()
        .map(|script| file_name(script))
        .zip(outcomes)
        .collect()
}

/// Runs one script under both interpreters and describes the first difference, if any.
fn check_script(python: &str, script: &Path, checks: Checks) -> Option<String> {
    let mut cpython = Command::new(python);
    // no __pycache__ left next to the helper modules the import scripts use
    cpython
        .arg(script)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    let mut pymm = Command::new(pymm_binary());
    pymm.arg("run").arg(script);
    let expected = match run_with_timeout(cpython, TIMEOUT) {
        Ok(run) => run,
        Err(err) => return Some(format!("python3: {err}")),
    };
    let got = match run_with_timeout(pymm, TIMEOUT) {
        Ok(run) => run,
        Err(err) => return Some(format!("pymm: {err}")),
    };
    compare(&expected, &got, checks)
}

/// What is compared for one script (how it ends always is).
#[derive(Clone, Copy)]
struct Checks {
    /// An `error_*.py` script: exits 1, and the last stderr line is compared.
    error_script: bool,
    /// Whether stdout is compared line by line.
    stdout: bool,
}

/// The first difference between CPython's run and pymm's, or None when they agree.
fn compare(expected: &Outcome, got: &Outcome, checks: Checks) -> Option<String> {
    let wanted_ending = if checks.error_script {
        Ending::Exited(1)
    } else {
        Ending::Exited(0)
    };
    if expected.ending != wanted_ending {
        return Some(format!(
            "the script itself is wrong: python3 ended with {} (stderr: {})",
            expected.describe_ending(),
            last_line(&expected.stderr)
        ));
    }
    let stdout_difference = checks
        .stdout
        .then(|| first_difference(&expected.stdout, &got.stdout))
        .flatten();
    if let Some(difference) = stdout_difference {
        return Some(with_stderr(difference, got));
    }
    if got.ending != expected.ending {
        let message = format!(
            "python3 ended with {}, pymm with {}",
            expected.describe_ending(),
            got.describe_ending()
        );
        return Some(with_stderr(message, got));
    }
    if checks.error_script && last_line(&expected.stderr) != last_line(&got.stderr) {
        return Some(format!(
            "last stderr line differs:\n  expected: {}\n  got:      {}",
            last_line(&expected.stderr),
            last_line(&got.stderr)
        ));
    }
    None
}

/// Appends pymm's last stderr line, which usually says why its output stopped early.
fn with_stderr(message: String, got: &Outcome) -> String {
    let tail = last_line(&got.stderr);
    if tail.is_empty() {
        format!("{message}\n  ({})", got.describe_ending())
    } else {
        format!(
            "{message}\n  (pymm {}; stderr ends with: {tail})",
            got.describe_ending()
        )
    }
}

/// "line N: expected ... got ..." for the first line where the two outputs differ.
fn first_difference(expected: &str, got: &str) -> Option<String> {
    let mut wanted = expected.lines();
    let mut actual = got.lines();
    let mut number = 0;
    loop {
        number += 1;
        match (wanted.next(), actual.next()) {
            (None, None) => return None,
            (want, have) if want == have => continue,
            (want, have) => {
                return Some(format!(
                    "stdout line {number}:\n  expected: {}\n  got:      {}",
                    want.unwrap_or("<end of output>"),
                    have.unwrap_or("<end of output>")
                ))
            }
        }
    }
}

/// The last non-empty line of a text, trimmed.
fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
}

#[cfg(test)]
mod harness_checks {
    use super::*;

    const PLAIN_SCRIPT: Checks = Checks {
        error_script: false,
        stdout: true,
    };
    const ERROR_SCRIPT: Checks = Checks {
        error_script: true,
        stdout: true,
    };

    fn outcome(code: i32, stdout: &str, stderr: &str) -> Outcome {
        Outcome {
            ending: Ending::Exited(code),
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn names_the_first_differing_line() {
        let found = first_difference("a\nb\nc\n", "a\nB\nc\n").unwrap();
        assert!(found.starts_with("stdout line 2:"), "{found}");
        assert!(
            found.contains("expected: b") && found.contains("got:      B"),
            "{found}"
        );
    }

    #[test]
    fn a_shorter_output_is_a_difference() {
        let found = first_difference("a\nb\n", "a\n").unwrap();
        assert!(found.contains("<end of output>"), "{found}");
        assert_eq!(first_difference("x\n", "x\n"), None);
    }

    #[test]
    fn error_scripts_compare_the_last_stderr_line() {
        let want = outcome(
            1,
            "",
            "Traceback\n  File x\nZeroDivisionError: division by zero\n",
        );
        let same = outcome(
            1,
            "",
            "Traceback (most recent call last)\nZeroDivisionError: division by zero",
        );
        let other = outcome(1, "", "ValueError: nope\n");
        assert_eq!(compare(&want, &same, ERROR_SCRIPT), None);
        assert!(compare(&want, &other, ERROR_SCRIPT)
            .unwrap()
            .contains("last stderr line"));
    }

    #[test]
    fn exit_codes_must_agree() {
        let want = outcome(0, "ok\n", "");
        let crashed = Outcome {
            ending: Ending::Signalled(11),
            ..want.clone()
        };
        assert!(compare(&want, &crashed, PLAIN_SCRIPT)
            .unwrap()
            .contains("signal 11"));
    }

    #[test]
    fn stdout_can_be_left_unchecked_but_not_the_ending() {
        let want = outcome(0, "collections: 3\n", "");
        let other_schedule = outcome(0, "collections: 90\n", "");
        let unchecked = Checks {
            stdout: false,
            ..PLAIN_SCRIPT
        };
        assert!(compare(&want, &other_schedule, PLAIN_SCRIPT).is_some());
        assert_eq!(compare(&want, &other_schedule, unchecked), None);
        assert!(compare(&want, &outcome(1, "", ""), unchecked).is_some());
    }

    #[test]
    fn known_failures_that_pass_are_reported() {
        let list = "a.py  # the reason\n# a comment line\n\ngone.py\n";
        let known = KnownFailures::parse(list, "tests/py/KNOWN_FAILURES");
        let results = vec![
            ("a.py".to_string(), None),
            ("b.py".to_string(), Some("x".into())),
        ];
        let problems = known.verdicts(&results);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("remove a.py from tests/py/KNOWN_FAILURES"));
        assert!(problems[1].starts_with("b.py FAILS"));
        assert!(problems[2].contains("gone.py"));
    }
}
