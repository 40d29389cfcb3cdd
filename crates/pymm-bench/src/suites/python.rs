//! Suite `python`: the pyperformance programs under `python3`, `pymm run` and the peers found
//! on `PATH` (RustPython, PyPy, pydantic-monty), wall time and peak resident memory side by
//! side, and the geometric mean of each interpreter's ratios to python3.
//!
//! Programs: every `*.py` in py/pyperformance/ (found by listing the folder, so a program
//! added there joins the suite) and the collector-bound py/gc_collect.py and
//! py/gc_traversal.py, each run with the same loop count under every interpreter. python3 runs
//! each program once first, untimed: its output is the reference, and a run of any
//! interpreter that prints something else (or fails) is reported as such and not timed.
//!
//! Wall time is measured around the child process, start-up included. Peak memory is the
//! program's `ru_maxrss` as GNU time (`/usr/bin/time`) reports it: Linux starts a child's
//! `ru_maxrss` at the resident memory of the process that spawned it, so reading it here, in
//! a benchmark process that has just built large heaps, would report this process's size
//! instead of the program's.

pub mod interpreters;

use crate::harness::{geometric_mean, median_of, ms, round_robin, Candidate, FigureSink};
use crate::suites::gc::cpython::script_dir;
use crate::suites::Settings;
use interpreters::Interpreter;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One finished child: wall time, peak resident memory and what it printed.
#[derive(Debug, Clone)]
pub(crate) struct Usage {
    /// Wall time in ms, start-up included.
    pub wall_ms: f64,
    /// Peak resident memory in bytes.
    pub peak_rss: f64,
    /// What the program printed on stdout.
    pub stdout: String,
    /// The program's own stderr (GNU time's line taken off).
    pub stderr: String,
}

/// Loop count of every program (its command-line argument) in a full run.
pub(crate) const LOOPS: usize = 10;

/// The programs `--quick` runs (those of them in the folder), one loop each.
const QUICK_PROGRAMS: [&str; 2] = ["bm_nbody.py", "bm_richards.py"];

/// The pyperformance-style collector programs run besides the folder's.
const COLLECTOR_PROGRAMS: [&str; 2] = ["gc_collect.py", "gc_traversal.py"];

/// A run of any interpreter taking longer than this is stopped and reported.
const TIMEOUT_SECONDS: u32 = 600;

/// The programs, as (workload name, path), sorted by name.
pub(crate) fn programs(settings: &Settings) -> Result<Vec<(String, PathBuf)>, String> {
    let folder = script_dir().join("pyperformance");
    let listing = std::fs::read_dir(&folder)
        .map_err(|error| format!("cannot list {}: {error}", folder.display()))?;
    let mut found: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension() == Some(OsStr::new("py")))
        .collect();
    found.sort();
    if settings.quick {
        found.retain(|path| QUICK_PROGRAMS.iter().any(|name| path.ends_with(name)));
    } else {
        found.extend(
            COLLECTOR_PROGRAMS
                .iter()
                .map(|name| script_dir().join(name)),
        );
    }
    let mut programs: Vec<(String, PathBuf)> = found
        .into_iter()
        .map(|path| (workload_name(&path), path))
        .collect();
    if !settings.only.is_empty() {
        if let Some(unknown) = settings
            .only
            .iter()
            .find(|name| !programs.iter().any(|(workload, _)| workload == *name))
        {
            return Err(format!("--only: no program named {unknown}"));
        }
        programs.retain(|(workload, _)| settings.only.contains(workload));
    }
    Ok(programs)
}

/// `bm_richards.py` -> `richards`, `gc_collect.py` -> `gc_collect`.
fn workload_name(program: &Path) -> String {
    let stem = program.file_stem().unwrap_or_default().to_string_lossy();
    stem.strip_prefix("bm_").unwrap_or(&stem).to_string()
}

pub(crate) const NO_PYMM: &str =
    "no pymm binary: build it with `cargo build --release -p pymm-python` or pass --pymm";

/// Median wall time and peak memory of each interpreter that ran one program correctly.
type ProgramMedians = BTreeMap<&'static str, (f64, f64)>;

/// Picks one figure (wall time or peak memory) out of a program's medians.
type Pick = fn(&(f64, f64)) -> f64;

/// Runs every program under every interpreter, interleaved, and records the medians, then the
/// geometric means.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let python = interpreters::locate_python3();
    let cpython = Interpreter::cpython(python.executable.clone());
    let (peers, missing) = Interpreter::peers_found(&python);
    for line in missing {
        sink.note(&line);
    }
    let mut interpreters = Vec::new();
    match settings.pymm_binary() {
        Some(binary) => interpreters.push(Interpreter::pymm(binary)),
        None => sink.fail("all", "pymm", NO_PYMM),
    }
    interpreters.push(cpython.clone());
    interpreters.extend(peers);
    let programs = match programs(settings) {
        Ok(programs) => programs,
        Err(message) => return sink.fail("all", "cpython", &message),
    };
    let loops = settings.loops_or(LOOPS);
    let mut results = Vec::new();
    for (workload, program) in &programs {
        if let Some(medians) = measure_program(
            settings,
            sink,
            &cpython,
            &interpreters,
            (workload, program),
            loops,
        ) {
            results.push(medians);
        }
    }
    record_geometric_means(sink, &interpreters, &results);
}

/// One program under every interpreter; `None` when python3 itself cannot run it.
fn measure_program(
    settings: &Settings,
    sink: &mut FigureSink,
    cpython: &Interpreter,
    interpreters: &[Interpreter],
    (workload, program): (&str, &Path),
    loops: usize,
) -> Option<ProgramMedians> {
    let reference = match run_interpreter(cpython, program, loops) {
        Ok(usage) => usage.stdout,
        Err(message) => {
            sink.fail(workload, "cpython", &message);
            return None;
        }
    };
    let candidates = interpreters
        .iter()
        .map(|interpreter| {
            let reference = &reference;
            Candidate::new(interpreter.name, move || {
                let usage = run_interpreter(interpreter, program, loops)?;
                match first_difference(reference, &usage.stdout) {
                    None => Ok(usage),
                    Some(difference) => Err(format!("output differs from python3's: {difference}")),
                }
            })
        })
        .collect();
    let runs = round_robin(settings.rounds.min(5), candidates);
    let wall = median_of(&runs, |usage: &Usage| usage.wall_ms);
    let rss = median_of(&runs, |usage: &Usage| usage.peak_rss);
    let mut medians = ProgramMedians::new();
    for ((name, wall), (_, rss)) in wall.iter().zip(&rss) {
        if let (Ok(wall), Ok(rss)) = (wall, rss) {
            medians.insert(name, (*wall, *rss));
        }
    }
    sink.record(workload, "wall_time", "ms/run", wall);
    sink.record(workload, "peak_rss", "bytes", rss);
    Some(medians)
}

/// Runs `program` under `interpreter` with `loops`, measured.
fn run_interpreter(
    interpreter: &Interpreter,
    program: &Path,
    loops: usize,
) -> Result<Usage, String> {
    let arguments = interpreter.arguments(program, loops)?;
    run_measured(&interpreter.binary, &arguments)
}

/// Where `got` first differs from `expected`, line by line; `None` when they are equal.
fn first_difference(expected: &str, got: &str) -> Option<String> {
    if expected == got {
        return None;
    }
    let mut expected_lines = expected.lines();
    let mut got_lines = got.lines();
    for line in 1.. {
        match (expected_lines.next(), got_lines.next()) {
            (Some(want), Some(have)) if want == have => continue,
            (None, None) => return Some("line endings differ".to_string()),
            (want, have) => {
                return Some(format!(
                    "line {line}: python3 printed {:?}, this one {:?}",
                    want.unwrap_or("<nothing>"),
                    have.unwrap_or("<nothing>")
                ))
            }
        }
    }
    unreachable!("the line loop returns")
}

/// The geometric means of each interpreter's ratios to python3 (wall time and peak memory):
/// pymm's and python3's over every program pymm ran; for each peer, the peer's and pymm's over
/// the programs both ran, so that the two are compared on the same programs.
fn record_geometric_means(
    sink: &mut FigureSink,
    interpreters: &[Interpreter],
    results: &[ProgramMedians],
) {
    let total = results.len();
    let group = |sink: &mut FigureSink, workload: &str, contenders: &[&'static str]| {
        let shared: Vec<&ProgramMedians> = results
            .iter()
            .filter(|medians| {
                medians.contains_key("cpython")
                    && contenders.iter().all(|name| medians.contains_key(name))
            })
            .collect();
        if shared.is_empty() {
            return;
        }
        sink.note(&format!(
            "{workload}: over the {} of {total} programs that {} ran",
            shared.len(),
            contenders.join(" and ")
        ));
        let metrics: [(&str, Pick); 2] = [
            ("wall_time_vs_python3", |medians| medians.0),
            ("peak_rss_vs_python3", |medians| medians.1),
        ];
        for (metric, pick) in metrics {
            for name in contenders.iter().copied().chain(["cpython"]) {
                let ratios: Vec<f64> = shared
                    .iter()
                    .map(|medians| pick(&medians[name]) / pick(&medians["cpython"]))
                    .collect();
                sink.push(workload, name, metric, geometric_mean(&ratios), "x");
            }
        }
    };
    group(sink, "geomean", &["pymm"]);
    for peer in interpreters
        .iter()
        .filter(|interpreter| !["pymm", "cpython"].contains(&interpreter.name))
    {
        group(
            sink,
            &format!("geomean_{}_ran", peer.name),
            &["pymm", peer.name],
        );
    }
}

/// GNU time, the small process that spawns each program and reports its peak memory.
const GNU_TIME: &str = "/usr/bin/time";

/// coreutils' `timeout`, between GNU time and the program: it stops a run that hangs, and
/// being small it leaves the peak memory GNU time reports to the program.
const TIMEOUT: &str = "timeout";

/// `timeout`'s exit status when it stopped the program.
const TIMED_OUT: i32 = 124;

/// Runs `program arguments...` to completion under GNU time and measures it. GNU time prints
/// the peak (in KiB) as the last line of stderr. A run that fails, or lasts longer than
/// [`TIMEOUT_SECONDS`], is an error naming the command.
pub(crate) fn run_measured<A: AsRef<OsStr>>(
    program: &Path,
    arguments: &[A],
) -> Result<Usage, String> {
    let shown = std::iter::once(program.as_os_str())
        .chain(arguments.iter().map(AsRef::as_ref))
        .map(shown_argument)
        .collect::<Vec<_>>()
        .join(" ");
    let start = Instant::now();
    let output = Command::new(GNU_TIME)
        .args(["-f", "%M", TIMEOUT, "--kill-after=5"])
        .arg(TIMEOUT_SECONDS.to_string())
        .arg(program)
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("cannot start {GNU_TIME} (GNU time) for {shown}: {error}"))?;
    let wall_ms = ms(start.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(TIMED_OUT) {
        return Err(format!("{shown} timed out after {TIMEOUT_SECONDS} s"));
    }
    if !output.status.success() {
        let mut tail: Vec<&str> = stderr
            .lines()
            .rev()
            .filter(|line| !line.starts_with("Command exited with non-zero status"))
            .skip(1)
            .take(3)
            .collect();
        tail.reverse();
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
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: program_stderr.to_string(),
    })
}

/// An argument as error messages show it: a whole program given as source is cut short.
fn shown_argument(argument: &OsStr) -> String {
    const LONGEST: usize = 60;
    let text = argument.to_string_lossy();
    match text.char_indices().nth(LONGEST) {
        Some((end, _)) => format!("{:?}...", &text[..end]),
        None => text.into_owned(),
    }
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

    #[test]
    fn the_program_s_stdout_is_kept() {
        let usage = run_measured(
            Path::new("python3"),
            &[Path::new("-c"), Path::new("print('out')")],
        )
        .expect("python3 runs under GNU time");
        assert_eq!(usage.stdout, "out\n");
    }

    #[test]
    fn a_long_source_argument_is_shown_cut_short() {
        let source = "x = 1\n".repeat(100) + "raise SystemExit(1)\n";
        let error = run_measured(Path::new("python3"), &["-c", &source])
            .map(|_| ())
            .unwrap_err();
        assert!(error.len() < 400, "{error}");
        assert!(error.contains("..."), "{error}");
    }

    #[test]
    fn outputs_are_compared_line_by_line() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        let difference = first_difference("a\nb\n", "a\nc\n").unwrap();
        assert!(difference.starts_with("line 2:"), "{difference}");
        assert!(difference.contains("\"b\"") && difference.contains("\"c\""));
        let shorter = first_difference("a\nb\n", "a\n").unwrap();
        assert!(shorter.contains("<nothing>"), "{shorter}");
        assert!(first_difference("a\n", "a").is_some());
    }

    #[test]
    fn every_program_in_the_folder_is_found_and_named_after_its_file() {
        let settings = Settings {
            rounds: 1,
            quick: false,
            pymm: None,
            only: Vec::new(),
            loops: None,
        };
        let all = programs(&settings).expect("the folder lists");
        let names: Vec<&str> = all.iter().map(|(name, _)| name.as_str()).collect();
        assert!(
            names.contains(&"richards") && names.contains(&"nbody"),
            "{names:?}"
        );
        assert!(names.contains(&"gc_collect"), "{names:?}");
        let folder = script_dir().join("pyperformance");
        let on_disk = std::fs::read_dir(&folder)
            .unwrap()
            .filter(|entry| {
                let path = entry.as_ref().unwrap().path();
                path.extension() == Some(OsStr::new("py"))
            })
            .count();
        assert_eq!(all.len(), on_disk + COLLECTOR_PROGRAMS.len());
        let quick = programs(&Settings {
            quick: true,
            ..settings.clone()
        })
        .unwrap();
        assert_eq!(quick.len(), QUICK_PROGRAMS.len());
        let only = |names: &[&str]| {
            programs(&Settings {
                only: names.iter().map(|n| n.to_string()).collect(),
                ..settings.clone()
            })
        };
        let picked = only(&["telco", "gc_collect"]).expect("both exist");
        let picked: Vec<&str> = picked.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(picked, ["telco", "gc_collect"]);
        assert!(only(&["no_such_program"]).is_err());
    }
}
