//! Suite `python`: the same Python programs under `python3` and under `pymm run`, wall time
//! and peak resident memory side by side.
//!
//! Programs: the repository's examples/seed.py (the article's programs) and this crate's
//! py/gc_collect.py and py/gc_traversal.py (pyperformance-style). Wall time is measured
//! around the child process, start-up included. Peak memory is the program's `ru_maxrss` as
//! GNU time (`/usr/bin/time`) reports it: Linux starts a child's `ru_maxrss` at the resident
//! memory of the process that spawned it, so reading it here, in a benchmark process that
//! has just built large heaps, would report this process's size instead of the program's.

use crate::harness::{median_of, ms, round_robin, Candidate, FigureSink};
use crate::suites::gc::cpython::script_dir;
use crate::suites::Settings;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One finished child: wall time, peak resident memory and what it wrote to stderr.
#[derive(Debug, Clone)]
pub(crate) struct Usage {
    /// Wall time in ms, start-up included.
    pub wall_ms: f64,
    /// Peak resident memory in bytes.
    pub peak_rss: f64,
    /// The program's own stderr (GNU time's line taken off).
    pub stderr: String,
}

/// The programs, as (workload name, path).
fn programs() -> Vec<(&'static str, PathBuf)> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    vec![
        ("seed_py", repository.join("examples/seed.py")),
        ("gc_collect_py", script_dir().join("gc_collect.py")),
        ("gc_traversal_py", script_dir().join("gc_traversal.py")),
    ]
}

pub(crate) const NO_PYMM: &str =
    "no pymm binary: build it with `cargo build --release -p pymm-python` or pass --pymm";

/// Runs every program under both interpreters, interleaved, and records the medians.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let pymm = settings.pymm_binary();
    for (workload, program) in programs() {
        let candidates = vec![
            Candidate::new("pymm", || match &pymm {
                Some(binary) => run_measured(binary, &[Path::new("run"), &program]),
                None => Err(NO_PYMM.to_string()),
            }),
            Candidate::new("cpython", || {
                run_measured(Path::new("python3"), &[&program])
            }),
        ];
        let runs = round_robin(settings.rounds.min(5), candidates);
        sink.record(
            workload,
            "wall_time",
            "ms/run",
            median_of(&runs, |usage: &Usage| usage.wall_ms),
        );
        sink.record(
            workload,
            "peak_rss",
            "bytes",
            median_of(&runs, |usage: &Usage| usage.peak_rss),
        );
    }
}

/// GNU time, the small process that spawns each program and reports its peak memory.
const GNU_TIME: &str = "/usr/bin/time";

/// Runs `program arguments...` to completion under GNU time (stdout discarded) and
/// measures it. GNU time prints the peak (in KiB) as the last line of stderr.
pub(crate) fn run_measured(program: &Path, arguments: &[&Path]) -> Result<Usage, String> {
    let shown = std::iter::once(program)
        .chain(arguments.iter().copied())
        .map(|part| part.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let start = Instant::now();
    let output = Command::new(GNU_TIME)
        .args(["-f", "%M"])
        .arg(program)
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("cannot start {GNU_TIME} (GNU time) for {shown}: {error}"))?;
    let wall_ms = ms(start.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(format!(
            "{shown} failed ({}): {}",
            output.status,
            tail.join(" | ")
        ));
    }
    let (program_stderr, last_line) = stderr
        .trim_end()
        .rsplit_once('\n')
        .unwrap_or(("", stderr.trim_end()));
    let peak_kib: f64 = last_line
        .trim()
        .parse()
        .map_err(|_| format!("GNU time printed no peak size for {shown}; stderr: {stderr:?}"))?;
    Ok(Usage {
        wall_ms,
        peak_rss: peak_kib * 1024.0,
        stderr: program_stderr.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_the_program_s_not_the_benchmark_process_s() {
        // Make this process large first: a child's own ru_maxrss would start from here.
        let ballast = vec![1u8; 300 << 20];
        let small = run_measured(Path::new("python3"), &[Path::new("-c"), Path::new("pass")])
            .expect("python3 runs under GNU time");
        let grows = Path::new("-c");
        let big = run_measured(
            Path::new("python3"),
            &[
                grows,
                Path::new("x = bytearray(120 << 20); x[::4096] = b'1' * len(x[::4096])"),
            ],
        )
        .expect("python3 runs under GNU time");
        assert!(ballast.iter().step_by(4096).all(|&byte| byte == 1));
        assert!(small.peak_rss < 100e6, "{small:?}");
        assert!(big.peak_rss > 120e6 && big.peak_rss < 250e6, "{big:?}");
        assert!(small.wall_ms > 0.0);
    }

    #[test]
    fn the_program_s_stderr_is_kept_without_gnu_time_s_line() {
        let usage = run_measured(
            Path::new("python3"),
            &[
                Path::new("-c"),
                Path::new("import sys; sys.stderr.write('one\\ntwo\\n')"),
            ],
        )
        .expect("python3 runs under GNU time");
        assert_eq!(usage.stderr, "one\ntwo");
    }

    #[test]
    fn a_failing_program_is_an_error_naming_it() {
        let error = run_measured(
            Path::new("python3"),
            &[Path::new("-c"), Path::new("raise SystemExit(3)")],
        )
        .expect_err("exit status 3 is a failure");
        assert!(error.contains("python3 -c"), "{error}");
    }
}
