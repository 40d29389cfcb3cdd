//! The command line: `--max-heap`, `--stats` and `--gc-debug` work with `-c CODE` and with
//! `run FILE`, placed before or after them; running nothing, or both, is a usage error.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use support::{pymm_binary, run_with_timeout, Ending, Outcome};

/// Fills the heap until MemoryError: it ends only if the heap limit was applied.
const FILL_HEAP: &str = "x = []\ntry:\n    while True:\n        x.append([0] * 100)\n\
                         except MemoryError:\n    x = None\n    print('MemoryError raised')\n";

/// A program that makes a cycle and collects it.
const COLLECT: &str =
    "import gc\nclass N:\n    pass\na = N()\na.me = a\ndel a\nprint(gc.collect())\n";

fn pymm(args: &[&str]) -> Outcome {
    let mut command = Command::new(pymm_binary());
    command.args(args);
    run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts")
}

/// A script file holding `source`, named after the test that uses it.
fn script(name: &str, source: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("script written");
    path.display().to_string()
}

fn assert_ran(outcome: &Outcome, stdout: &str) {
    assert_eq!(
        outcome.ending,
        Ending::Exited(0),
        "stderr: {}",
        outcome.stderr
    );
    assert_eq!(outcome.stdout, stdout);
}

#[test]
fn max_heap_applies_in_every_position() {
    let file = script("fill_heap.py", FILL_HEAP);
    let arrangements: [&[&str]; 4] = [
        &["--max-heap", "4M", "-c", FILL_HEAP],
        &["-c", FILL_HEAP, "--max-heap", "4M"],
        &["--max-heap", "4M", "run", &file],
        &["run", &file, "--max-heap=4M"],
    ];
    for args in arrangements {
        assert_ran(&pymm(args), "MemoryError raised\n");
    }
}

#[test]
fn stats_and_gc_debug_apply_in_every_position() {
    let file = script("collect.py", COLLECT);
    let arrangements: [&[&str]; 4] = [
        &["--stats", "--gc-debug", "-c", COLLECT],
        &["-c", COLLECT, "--gc-debug", "--stats"],
        &["--gc-debug", "run", &file, "--stats"],
        &["run", "--stats", "--gc-debug", &file],
    ];
    for args in arrangements {
        let outcome = pymm(args);
        assert_ran(&outcome, "1\n");
        assert!(
            outcome.stderr.contains("gc: generation 2:"),
            "{args:?}: no --stats table"
        );
        assert!(
            outcome.stderr.contains("gc: done,"),
            "{args:?}: no --gc-debug report"
        );
    }
}

#[test]
fn without_options_nothing_is_printed_on_stderr() {
    let outcome = pymm(&["-c", COLLECT]);
    assert_ran(&outcome, "1\n");
    assert_eq!(outcome.stderr, "");
}

#[test]
fn nothing_to_run_or_two_programs_are_usage_errors() {
    let file = script("empty.py", "");
    for args in [&["--stats"][..], &[], &["-c", "1", "run", &file]] {
        let outcome = pymm(args);
        assert_eq!(outcome.ending, Ending::Exited(2), "{args:?}");
        assert!(
            outcome.stderr.starts_with("error: "),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    let bad_size = pymm(&["--max-heap", "12Q", "-c", "1"]);
    assert_eq!(bad_size.ending, Ending::Exited(2));
    assert!(
        bad_size.stderr.contains("invalid size unit"),
        "{}",
        bad_size.stderr
    );
}

#[test]
fn help_shows_both_forms_and_the_options() {
    let help = pymm(&["--help"]);
    assert_eq!(help.ending, Ending::Exited(0));
    for text in [
        "-c CODE",
        "run FILE",
        "--max-heap <SIZE>",
        "--stats",
        "--gc-debug",
    ] {
        assert!(
            help.stdout.contains(text),
            "--help lacks {text}:\n{}",
            help.stdout
        );
    }
}

#[test]
fn script_arguments_reach_sys_argv() {
    let path = script(
        "argv.py",
        "import sys\nprint(sys.argv[1:], sys.argv[0].endswith('argv.py'))\n",
    );
    let outcome = pymm(&["run", &path, "a", "b", "--", "-x"]);
    assert_ran(&outcome, "['a', 'b', '-x'] True\n");
    let outcome = pymm(&["--stats", "run", &path, "only"]);
    assert_eq!(outcome.stdout, "['only'] True\n");
    let outcome = pymm(&["-c", "import sys; print(sys.argv)"]);
    assert_ran(&outcome, "['-c']\n");
}
