//! The pyperformance programs under `crates/pymm-bench/py/pyperformance/` (their timing harness
//! replaced by a loop and a printed result) run under `python3` and under `pymm run`, and must
//! print the same lines and exit the same way. `PYMM_PYTHON` names another CPython.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::{file_name, map_in_parallel, pymm_binary, python_files, run_with_timeout, Outcome};

/// A program runs at most this long under each interpreter (pymm's debug build is slow).
const TIMEOUT: Duration = Duration::from_secs(300);

/// The programs whose server listens on pyperformance's fixed port 8882.
const FIXED_PORT_PREFIX: &str = "bm_asyncio_tcp";

fn run(program: Command) -> Outcome {
    run_with_timeout(program, TIMEOUT).unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn every_program_prints_what_cpython_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../pymm-bench/py/pyperformance");
    let programs = python_files(&dir);
    assert!(
        programs.len() >= 10,
        "pyperformance programs missing in {}",
        dir.display()
    );
    let python = std::env::var("PYMM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    // Two jobs at a time: the slowest programs take minutes in a debug build, and CI has two
    // cores. The programs that serve on pyperformance's fixed port (asyncio_tcp and its TLS
    // variant) share one job, so that they never listen on it at the same time.
    let (fixed_port, others): (Vec<PathBuf>, Vec<PathBuf>) = programs
        .iter()
        .cloned()
        .partition(|program| file_name(program).starts_with(FIXED_PORT_PREFIX));
    let jobs: Vec<Vec<PathBuf>> = std::iter::once(fixed_port)
        .chain(others.into_iter().map(|program| vec![program]))
        .filter(|job| !job.is_empty())
        .collect();
    let mut failures: Vec<String> = map_in_parallel(&jobs, 2, |job| {
        job.iter()
            .filter_map(|program| check(&python, program))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    failures.sort();
    eprintln!(
        "pyperformance: {}/{} programs print what CPython prints",
        programs.len() - failures.len(),
        programs.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs `program` under `python` and pymm; the difference, if their outputs differ.
fn check(python: &str, program: &Path) -> Option<String> {
    let mut cpython = Command::new(python);
    cpython.arg(program).env("PYTHONDONTWRITEBYTECODE", "1");
    let mut pymm = Command::new(pymm_binary());
    pymm.arg("run").arg(program);
    let (expected, got) = (run(cpython), run(pymm));
    if expected.stdout.is_empty() {
        return Some(format!(
            "{}: python3 printed nothing ({})",
            file_name(program),
            expected.stderr
        ));
    }
    if (&expected.stdout, &expected.ending) == (&got.stdout, &got.ending) {
        return None;
    }
    Some(format!(
        "{}:\n  python3 ({}): {:?}\n  pymm    ({}): {:?}\n  pymm stderr: {}",
        file_name(program),
        expected.describe_ending(),
        expected.stdout,
        got.describe_ending(),
        got.stdout,
        got.stderr.lines().last().unwrap_or("")
    ))
}
