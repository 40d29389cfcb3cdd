//! Fuzzing the front end: no input may make pymm panic, crash or exit with a code other than
//! 0 or 1. A timeout is reported but allowed (a mutated script may loop forever).
//!
//! Three generators feed it: random soups of Python tokens, mutations of the differential
//! scripts in `tests/py`, and calls of built-ins and operators on edge values (limits of
//! i64, huge ints, NaN, empty containers), each written to a temp file and run with
//! `pymm run --max-heap 64M`.
//! Every input that ever broke pymm is kept in `tests/fuzz_corpus/`, and
//! `the_corpus_never_crashes` replays them all
//! (`tests/fuzz_corpus/KNOWN_FAILURES` lists those pymm still fails, with the reason).
//! `PYMM_FUZZ_CASES` sets the number of cases per generator (default 75).

#[path = "fuzz/inputs.rs"]
mod inputs;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

use support::known::KnownFailures;
use support::{file_name, pymm_binary, python_files, run_with_timeout, Ending, Outcome};

/// A fuzz case may run this long before it is killed (and reported, not failed).
const CASE_TIMEOUT: Duration = Duration::from_secs(5);
/// Corpus files must finish within this time: they are known to terminate, so the limit
/// only turns a hang into a failure. The slowest (huge_list_growth.py, which fills the
/// 64 MiB heap one small list at a time) takes about 10 s in a debug build on an idle
/// 2-core machine and over 20 s when the machine runs other builds.
const CORPUS_TIMEOUT: Duration = Duration::from_secs(90);
/// The heap limit every fuzz run gets, so that `[0] * 10**9` ends in MemoryError.
const MAX_HEAP: &str = "64M";

fn config() -> Config {
    let cases = std::env::var("PYMM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(75);
    Config {
        cases,
        max_shrink_iters: 64,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn token_soup_never_crashes(code in inputs::token_soup()) {
        check_as_file(&code)?;
    }

    #[test]
    fn edge_value_calls_never_crash(code in inputs::edge_calls()) {
        check_as_file(&code)?;
    }

    #[test]
    fn mutated_scripts_never_crash(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(inputs::mutation(), 1..6),
    ) {
        let scripts = scripts();
        let source = &scripts[pick.index(scripts.len())];
        let mutated = inputs::apply_all(source, &mutations);
        check_as_file(&mutated)?;
    }
}

#[test]
fn the_corpus_never_crashes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fuzz_corpus");
    let files = python_files(&dir);
    assert!(!files.is_empty(), "the corpus {} is empty", dir.display());
    let known = KnownFailures::read(&dir.join("KNOWN_FAILURES"));
    let results: Vec<(String, Option<String>)> = files
        .iter()
        .map(|file| (file_name(file), corpus_failure(file)))
        .collect();
    let problems = known.verdicts(&results);
    eprintln!("fuzz corpus: {} files replayed", files.len());
    assert!(
        problems.is_empty(),
        "corpus inputs broke pymm:\n{}",
        problems.join("\n")
    );
}

/// Why a corpus file broke pymm (a crash, or a hang: corpus files are known to terminate).
fn corpus_failure(file: &Path) -> Option<String> {
    let run = match run_with_timeout(pymm_run(file), CORPUS_TIMEOUT) {
        Ok(run) => run,
        Err(err) => return Some(err),
    };
    let broken = run.is_crash() || run.ending == Ending::TimedOut;
    broken.then(|| summary(&run))
}

/// `pymm run --max-heap 64M FILE`.
fn pymm_run(file: &Path) -> Command {
    let mut command = Command::new(pymm_binary());
    command.arg("run").arg("--max-heap").arg(MAX_HEAP).arg(file);
    command
}

/// Writes the input to a temp file, runs it, and removes the file.
fn check_as_file(input: &str) -> Result<(), TestCaseError> {
    let path = temp_script(input);
    let verdict = check(pymm_run(&path), input);
    let _ = std::fs::remove_file(&path); // a leftover temp file is harmless
    verdict
}

/// Runs one case; a crash fails it (and saves the input), a timeout is only reported.
fn check(command: Command, input: &str) -> Result<(), TestCaseError> {
    let run = run_with_timeout(command, CASE_TIMEOUT).map_err(TestCaseError::fail)?;
    if run.ending == Ending::TimedOut {
        eprintln!("fuzz: timeout (allowed) on input of {} bytes", input.len());
    }
    if run.is_crash() {
        let saved = save_finding(input);
        return Err(TestCaseError::fail(format!(
            "pymm {}\ninput saved to {} (copy it into tests/fuzz_corpus/):\n{input}",
            summary(&run),
            saved.display()
        )));
    }
    Ok(())
}

/// How the run ended and the stderr line that tells why.
fn summary(run: &Outcome) -> String {
    let reason = run
        .stderr
        .lines()
        .find(|line| line.contains("panicked at"))
        .or_else(|| {
            run.stderr
                .lines()
                .rev()
                .find(|line| !line.trim().is_empty())
        })
        .unwrap_or("");
    format!("{}; stderr: {reason}", run.describe_ending())
}

/// The differential scripts, read once.
fn scripts() -> &'static [String] {
    static SCRIPTS: OnceLock<Vec<String>> = OnceLock::new();
    SCRIPTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("py");
        python_files(&dir)
            .iter()
            .map(|path| std::fs::read_to_string(path).unwrap_or_default())
            .collect()
    })
}

/// A fresh file under Cargo's scratch directory for this test target.
fn temp_script(source: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).expect("cannot create the fuzz scratch directory");
    let name = format!(
        "case-{}-{}.py",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let path = dir.join(name);
    std::fs::write(&path, source).expect("cannot write a fuzz case");
    path
}

/// Keeps a crashing input where it survives the test run, named by its content.
fn save_finding(input: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz_found");
    let _ = std::fs::create_dir_all(&dir); // the failure message still shows the input
    let digest = input.bytes().fold(0xcbf29ce484222325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100000001b3) // FNV-1a
    });
    let path = dir.join(format!("found_{digest:016x}.py"));
    let _ = std::fs::write(&path, input);
    path
}

#[cfg(test)]
mod harness_checks {
    use super::*;

    fn ended(ending: Ending, stderr: &str) -> Outcome {
        Outcome {
            ending,
            stdout: String::new(),
            stderr: stderr.to_string(),
        }
    }

    #[test]
    fn crashes_are_told_from_python_errors() {
        assert!(!ended(Ending::Exited(0), "").is_crash());
        assert!(!ended(Ending::Exited(1), "SyntaxError: invalid syntax").is_crash());
        assert!(ended(Ending::Exited(101), "").is_crash());
        assert!(ended(Ending::Exited(2), "error: unexpected argument").is_crash());
        assert!(ended(Ending::Exited(1), "thread 'main' panicked at src/x.rs:1:1").is_crash());
        assert!(ended(Ending::Signalled(11), "").is_crash());
        assert!(!ended(Ending::TimedOut, "").is_crash());
    }

    #[test]
    fn the_summary_quotes_the_panic_line() {
        let run = ended(
            Ending::Exited(101),
            "thread 'main' panicked at a.rs:1:2:\nboom\nnote: x",
        );
        let text = summary(&run);
        assert!(text.starts_with("exit code 101"), "{text}");
        assert!(text.contains("panicked at a.rs:1:2"), "{text}");
    }
}
