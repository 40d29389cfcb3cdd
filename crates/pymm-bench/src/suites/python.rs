//! Suite `python`: the same Python programs under `python3` and under `pymm run`, wall time
//! and peak resident memory side by side.
//!
//! Programs: the repository's examples/seed.py (the article's programs) and this crate's
//! py/gc_collect.py and py/gc_traversal.py (pyperformance-style). Wall time is measured
//! around the child process, start-up included; peak memory is the child's `ru_maxrss`,
//! read with `wait4`.

use crate::harness::{median_of, ms, round_robin, Candidate, FigureSink};
use crate::suites::gc::cpython::script_dir;
use crate::suites::Settings;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One finished child: wall time in ms and peak resident memory in bytes.
#[derive(Debug, Clone, Copy)]
struct Usage {
    wall_ms: f64,
    peak_rss: f64,
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

/// Runs every program under both interpreters, interleaved, and records the medians.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let pymm = settings.pymm_binary();
    for (workload, program) in programs() {
        let candidates = vec![
            Candidate::new("pymm", || {
                match &pymm {
                Some(binary) => run_measured(Command::new(binary).arg("run").arg(&program)),
                None => Err("no pymm binary: build it with `cargo build --release -p pymm-python` or pass --pymm".into()),
            }
            }),
            Candidate::new("cpython", || {
                run_measured(Command::new("python3").arg(&program))
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

/// Runs `command` to completion (stdout discarded) and measures it.
fn run_measured(command: &mut Command) -> Result<Usage, String> {
    let shown = format!("{command:?}");
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start {shown}: {error}"))?;
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        // Read to the end before waiting, so a chatty child never blocks on a full pipe.
        let _ = pipe.read_to_string(&mut stderr);
    }
    let (status, peak_kib) = wait_with_usage(child.id())?;
    let wall_ms = ms(start.elapsed());
    if status != 0 {
        let tail: String = stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
        return Err(format!("{shown} exited with status {status}: {tail}"));
    }
    Ok(Usage {
        wall_ms,
        peak_rss: peak_kib as f64 * 1024.0,
    })
}

/// Reaps child `pid` with `wait4`; returns its exit status (128+signal if killed) and its
/// peak resident memory in KiB.
fn wait_with_usage(pid: u32) -> Result<(i32, i64), String> {
    let pid = libc::pid_t::try_from(pid).map_err(|_| format!("child pid {pid} out of range"))?;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; an all-zero value is valid and wait4 overwrites it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; both out-pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(format!(
            "wait4 on child {pid} failed: {}",
            std::io::Error::last_os_error()
        ));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok((code, usage.ru_maxrss))
}
