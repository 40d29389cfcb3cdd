//! CPython's own tests for gc, weakref, finalization, sys, decimal, exception groups, the
//! built-in types (list, tuple, dict, float, bool) and the language (function
//! attributes, scopes, classes, `with`, contextlib), property, set and frozenset, int,
//! range, enumerate, the iteration protocol and comparisons (copies under `tests/cpython/`,
//! edits listed in its README) run under `python3` and under `pymm run`, test by test.
//!
//! `tests/cpython/run.py` prints one line per test (`PASS id`, `FAIL id: ...`, ...). The
//! reference is what python3 passes on the same copies (M); pymm's figure is how many of
//! those it passes too (N), printed as "N of M CPython tests pass". `EXPECTED_PASSES` lists
//! the tests pymm passed when it was last updated: one of them failing is a regression and
//! fails this test, and so does a test that passes without being listed (add it), so that
//! the list only grows. `PYMM_UPDATE_EXPECTED=1` rewrites the list from this run instead.
//! Under `PYMM_GC_STRESS` (a collection at every allocation), the tests listed in
//! `STRESS_SCHEDULE_DEPENDENT` depend on when collections run and may fail.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::Duration;

use support::known::KnownFailures;
use support::{pymm_binary, run_with_timeout, Outcome};

/// The test files, in the order they are reported.
const FILES: &[&str] = &[
    "test_gc",
    "test_finalization",
    "test_weakref",
    "test_sys",
    "test_decimal",
    "test_exception_group",
    // the built-in types and the language
    "test_list",
    "test_tuple",
    "test_dict",
    "test_float",
    "test_bool",
    "test_funcattrs",
    "test_scope",
    "test_class",
    "test_with",
    "test_contextlib",
    "test_property",
    "test_set",
    // range, int and the iteration protocol
    "test_int",
    "test_enumerate",
    "test_iter",
    "test_range",
    // comparisons
    "test_compare",
];
/// Each file runs at most this long under each interpreter (a guard against a hang:
/// test_set, the longest, takes about 60 s of processor time in a debug build, and over
/// 180 s of wall time on two cores shared with other builds)...
const TIMEOUT: Duration = Duration::from_secs(300);
/// ...except test_decimal, whose decTest files hold some 60,000 cases, each a few
/// Python-level decimal operations (minutes in a debug build).
const DECIMAL_TIMEOUT: Duration = Duration::from_secs(1200);

fn timeout_of(file: &str) -> Duration {
    if file == "test_decimal" {
        DECIMAL_TIMEOUT
    } else {
        TIMEOUT
    }
}

/// What one interpreter reported for one file: each test id and its outcome line.
struct Report {
    outcomes: BTreeMap<String, String>,
    run: Outcome,
}

impl Report {
    fn passed(&self) -> BTreeSet<String> {
        self.outcomes
            .iter()
            .filter(|(_, outcome)| outcome.as_str() == "PASS")
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// True when the run printed its summary line (it did not stop half way).
    fn finished(&self) -> bool {
        self.run.stdout.lines().any(|l| l.starts_with("SUMMARY "))
    }
}

#[test]
fn cpython_tests_for_gc_weakref_finalization_and_sys() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("cpython");
    let python = std::env::var("PYMM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let expected = KnownFailures::read(&dir.join("EXPECTED_PASSES")).names;
    let schedule_dependent = schedule_dependent(&dir);
    let timing_dependent = KnownFailures::read(&dir.join("TIMING_DEPENDENT")).names;
    let mut problems = Vec::new();
    let (mut total_pass, mut total_reference) = (0, 0);
    let mut all_passed = BTreeSet::new();
    let mut counts = String::new();
    for file in FILES {
        let (reference, pymm) = run_both(&dir, &python, file);
        let reference_passed = reference.passed();
        if !reference.finished() || reference_passed.is_empty() {
            problems.push(format!(
                "{python} did not finish {file} ({}):\n{}",
                reference.run.describe_ending(),
                tail(&reference.run.stderr)
            ));
        }
        let pymm_passed: BTreeSet<String> = pymm
            .passed()
            .intersection(&reference_passed)
            .cloned()
            .collect();
        if !pymm.finished() || pymm.run.is_crash() {
            problems.push(format!(
                "pymm did not finish {file} ({}):\n{}",
                pymm.run.describe_ending(),
                tail(&pymm.run.stderr)
            ));
        }
        for id in &reference_passed {
            let listed = expected.contains(id);
            let passes = pymm_passed.contains(id);
            let outcome = pymm.outcomes.get(id).map_or("not run", String::as_str);
            if schedule_dependent.contains(id) {
                continue;
            }
            if timing_dependent.contains(id) && outcome.starts_with("SKIP") {
                eprintln!("  skipped, too fast to time: {id}");
                continue;
            }
            if listed && !passes {
                problems.push(format!(
                    "regression: {id} is in EXPECTED_PASSES but {outcome}"
                ));
            } else if passes && !listed {
                problems.push(format!("{id} passes now: add it to EXPECTED_PASSES"));
            } else if !passes {
                eprintln!("  not yet: {id} {outcome}");
            }
        }
        let line = format!(
            "{file}: {} of {} pass",
            pymm_passed.len(),
            reference_passed.len()
        );
        eprintln!("{line}");
        counts.push_str(&line);
        counts.push('\n');
        total_pass += pymm_passed.len();
        all_passed.extend(pymm_passed);
        total_reference += reference_passed.len();
    }
    for id in &expected {
        if !FILES.iter().any(|f| id.starts_with(&format!("{f}."))) {
            problems.push(format!("EXPECTED_PASSES names {id}, which no file has"));
        }
    }
    let total = format!("{total_pass} of {total_reference} CPython tests pass");
    println!("{total}");
    write_counts(&counts, &total, &problems);
    if std::env::var_os("PYMM_UPDATE_EXPECTED").is_some() {
        write_expected(&dir.join("EXPECTED_PASSES"), &all_passed);
        return;
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Keeps the pass counts and problems of this run in `target/tmp/cpython-counts[-stress].txt`,
/// so that CI prints them after `cargo test --workspace` without running the files again.
fn write_counts(per_file: &str, total: &str, problems: &[String]) {
    let mode = if std::env::var_os("PYMM_GC_STRESS").is_some() {
        "-stress"
    } else {
        ""
    };
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cpython-counts{mode}.txt"));
    let mut text = format!("{per_file}{total}\n");
    for problem in problems {
        text.push_str(&format!("problem: {problem}\n"));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// The tests that may fail under `PYMM_GC_STRESS` (none otherwise).
fn schedule_dependent(dir: &Path) -> BTreeSet<String> {
    if std::env::var_os("PYMM_GC_STRESS").is_none() {
        return BTreeSet::new();
    }
    KnownFailures::read(&dir.join("STRESS_SCHEDULE_DEPENDENT")).names
}

/// Runs one file under the reference CPython and under pymm, side by side.
fn run_both(dir: &Path, python: &str, file: &str) -> (Report, Report) {
    let reference = {
        let mut command = Command::new(python);
        command.arg("run.py").arg(file).current_dir(dir);
        let timeout = timeout_of(file);
        thread::spawn(move || report(command, timeout))
    };
    let mut command = Command::new(pymm_binary());
    command.args(["run", "run.py", file]).current_dir(dir);
    let pymm = report(command, timeout_of(file));
    let reference = reference
        .join()
        .expect("the reference run's thread panicked");
    (reference, pymm)
}

fn report(command: Command, timeout: Duration) -> Report {
    let described = format!("{command:?}");
    let run = run_with_timeout(command, timeout).unwrap_or_else(|err| panic!("{described}: {err}"));
    let outcomes = run
        .stdout
        .lines()
        .filter_map(|line| {
            let (outcome, rest) = line.split_once(' ')?;
            if outcome == "SUMMARY" {
                return None;
            }
            let id = rest.split(": ").next().unwrap_or(rest);
            Some((id.to_string(), outcome_with_detail(outcome, rest, id)))
        })
        .collect();
    Report { outcomes, run }
}

/// "PASS", or the outcome with what went wrong ("FAIL: AssertionError: 1 != 2").
fn outcome_with_detail(outcome: &str, rest: &str, id: &str) -> String {
    match rest.strip_prefix(id).and_then(|d| d.strip_prefix(": ")) {
        Some(detail) => format!("{outcome}: {detail}"),
        None => outcome.to_string(),
    }
}

/// The last lines of a stream, for messages.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Rewrites `EXPECTED_PASSES` with the tests that passed in this run.
fn write_expected(path: &Path, passed: &BTreeSet<String>) {
    let mut text = String::from(
        "# The CPython tests pymm passes (ids as unittest prints them), one a line. The test\n\
         # `cpython` fails if one of them stops passing, or if a test passes without being here.\n\
         # Rewritten by: PYMM_UPDATE_EXPECTED=1 cargo test -p pymm-python --test cpython\n",
    );
    for id in passed {
        text.push_str(id);
        text.push('\n');
    }
    std::fs::write(path, text)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
