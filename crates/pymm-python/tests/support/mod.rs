//! Shared helpers of the differential and fuzz tests: running a child process with a timeout
//! and capturing everything it printed.
//!
//! No crate is needed for this: the child's pipes are drained by two threads (so that a chatty
//! child never blocks on a full pipe) while the caller polls `try_wait` until the deadline.
//! The child leads a process group of its own, and a timeout kills the whole group, so that
//! nothing it started survives it and keeps the pipes open.

#![allow(dead_code)] // each test crate uses its own part of this module

pub mod known;

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// How a child process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// It exited by itself with this code.
    Exited(i32),
    /// A signal ended it (a crash: SIGSEGV, SIGABRT from a stack overflow, ...).
    Signalled(i32),
    /// It was still running at the deadline and was killed.
    TimedOut,
}

/// Everything a finished child process left behind.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ending: Ending,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// True when the run shows a Rust panic, a crash or an exit code other than 0 and 1:
    /// the things no Python input may ever cause. A timeout is not counted here.
    pub fn is_crash(&self) -> bool {
        match self.ending {
            Ending::Exited(code) => {
                !(code == 0 || code == 1) || self.stderr.contains("panicked at")
            }
            Ending::Signalled(_) => true,
            Ending::TimedOut => false,
        }
    }

    /// One line describing how the run ended, for failure messages.
    pub fn describe_ending(&self) -> String {
        match self.ending {
            Ending::Exited(code) => format!("exit code {code}"),
            Ending::Signalled(signal) => format!("killed by signal {signal}"),
            Ending::TimedOut => "timed out (killed)".to_string(),
        }
    }
}

/// Runs `command` with no stdin, capturing stdout and stderr, killing it after `timeout`.
///
/// Returns an error message when the program cannot be started at all.
pub fn run_with_timeout(mut command: Command, timeout: Duration) -> Result<Outcome, String> {
    let described = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|err| format!("cannot start {described}: {err}"))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let ending = wait_until(&mut child, timeout)?;
    Ok(Outcome {
        ending,
        stdout: collected(&stdout),
        stderr: collected(&stderr),
    })
}

/// Reads a pipe to its end on a thread of its own; bytes that are not UTF-8 are replaced.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error only truncates the capture, which the comparison then shows.
            let _ = pipe.read_to_end(&mut bytes);
        }
        // The receiver is gone only if the caller gave up waiting: nothing to report then.
        let _ = sender.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    receiver
}

/// What a drained pipe held; waits a little only, in case something still holds it open.
fn collected(receiver: &Receiver<String>) -> String {
    receiver
        .recv_timeout(Duration::from_secs(2))
        .unwrap_or_else(|_| "<the pipe stayed open after the process ended>".to_string())
}

/// Polls the child until it exits or the deadline passes (then kills it).
fn wait_until(child: &mut Child, timeout: Duration) -> Result<Ending, String> {
    let deadline = Instant::now() + timeout;
    loop {
        let polled = child
            .try_wait()
            .map_err(|err| format!("cannot wait: {err}"))?;
        if let Some(status) = polled {
            return Ok(match (status.code(), status.signal()) {
                (Some(code), _) => Ending::Exited(code),
                (None, Some(signal)) => Ending::Signalled(signal),
                (None, None) => Ending::Signalled(0),
            });
        }
        if Instant::now() >= deadline {
            kill_group(child);
            return Ok(Ending::TimedOut);
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Kills the child's process group (the child and anything it started), then reaps the child.
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    // The group may already be gone; `child.kill()` below still covers the child itself.
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = child.kill();
    let _ = child.wait();
}

/// The pymm binary built by Cargo for these tests.
pub fn pymm_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pymm"))
}

/// The `*.py` files directly inside `dir`, sorted by name.
pub fn python_files(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    files.sort();
    files
}

/// A file's name without its directory, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Runs `work` on every item, `workers` items at a time (the test machines have two cores, and
/// each item starts two interpreters one after the other), and returns the results in the
/// items' order.
pub fn map_in_parallel<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(items.len()));
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else {
                    break;
                };
                let result = work(item);
                results
                    .lock()
                    .expect("no worker panicked")
                    .push((index, result));
            });
        }
    });
    let mut results = results.into_inner().expect("no worker panicked");
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}
