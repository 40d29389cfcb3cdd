//! Suite `report`: what recording a report (`pymm run --report FILE.html`) costs on every
//! program of the `python` suite.
//!
//! Each program runs under `pymm run` without and with `--report`, the two in turn (a pair),
//! `--rounds` pairs (as the `python` suite runs it: LOOPS = 10, or one loop of its two quick
//! programs under `--quick`; `--loops N` sets another count). The figure is the processor time of the child (user + system,
//! from `wait4`'s resource usage), not wall time: the report is written by the program's own
//! process, and processor time ignores the waits that other processes on a loaded machine
//! cause. A program's cost is the median of its pairs' ratios (a pair's two runs see about
//! the same load); the suite's are their geometric mean and their largest.
//!
//! The page of each recorded run goes to a fresh temporary folder, removed at the end, and
//! must exist and be non-empty: a run whose report was not written is a failure, not a
//! cheap run.

use crate::harness::{geometric_mean, median, round_robin, Candidate, FigureSink};
use crate::suites::python::{programs, LOOPS, NO_PYMM};
use crate::suites::Settings;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

/// The contender names: `pymm` is the reference every ratio of the table is taken against.
const WITHOUT: &str = "pymm";
const WITH: &str = "pymm_report";

/// Runs every program without and with `--report` and records its processor times and cost.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let Some(pymm) = settings.pymm_binary() else {
        return sink.fail("all", WITHOUT, NO_PYMM);
    };
    let programs = match programs(settings) {
        Ok(programs) => programs,
        Err(message) => return sink.fail("all", WITHOUT, &message),
    };
    let pages = match tempfile::Builder::new()
        .prefix("pymm-bench-report-")
        .tempdir()
    {
        Ok(folder) => folder,
        Err(error) => {
            return sink.fail(
                "all",
                WITH,
                &format!("cannot make a temporary folder: {error}"),
            )
        }
    };
    let loops = settings.loops_or(LOOPS);
    let mut costs = Vec::new();
    for (workload, program) in &programs {
        let page = pages.path().join(format!("{workload}.html"));
        let run = Run {
            pymm: &pymm,
            program,
            loops,
        };
        if let Some(cost) = measure_program(settings.rounds, sink, workload, &run, &page) {
            costs.push((workload.as_str(), cost));
        }
    }
    record_summary(sink, &costs);
}

/// One program as the suite runs it.
struct Run<'a> {
    pymm: &'a Path,
    program: &'a Path,
    loops: usize,
}

impl Run<'_> {
    /// The arguments of `pymm`: `run [--report PAGE] PROGRAM LOOPS`.
    fn arguments(&self, page: Option<&Path>) -> Vec<OsString> {
        let mut arguments: Vec<OsString> = vec!["run".into()];
        if let Some(page) = page {
            arguments.extend(["--report".into(), page.into()]);
        }
        arguments.extend([self.program.into(), self.loops.to_string().into()]);
        arguments
    }
}

/// `rounds` pairs of one program; records both medians and the median ratio, and returns
/// that ratio (`None` when either run failed).
fn measure_program(
    rounds: usize,
    sink: &mut FigureSink,
    workload: &str,
    run: &Run<'_>,
    page: &Path,
) -> Option<f64> {
    let candidates = vec![
        Candidate::new(WITHOUT, || cpu_ms(run.pymm, &run.arguments(None))),
        Candidate::new(WITH, || {
            let _ = std::fs::remove_file(page);
            let spent = cpu_ms(run.pymm, &run.arguments(Some(page)))?;
            check_page(page)?;
            Ok(spent)
        }),
    ];
    let samples = round_robin(rounds, candidates);
    let mut medians = Vec::new();
    let mut per_contender = Vec::new();
    for (name, kept) in &samples {
        match kept {
            Ok(values) => {
                medians.push((*name, Ok(median(&mut values.clone()))));
                per_contender.push(values.clone());
            }
            Err(message) => medians.push((*name, Err(message.clone()))),
        }
    }
    sink.record(workload, "cpu_time", "ms/run", medians);
    let [without, with] = per_contender.as_slice() else {
        return None;
    };
    let cost = median_ratio(without, with);
    sink.push(workload, WITH, "report_cost", cost, "x");
    Some(cost)
}

/// The median over pairs of `with[i] / without[i]`.
fn median_ratio(without: &[f64], with: &[f64]) -> f64 {
    let mut ratios: Vec<f64> = without
        .iter()
        .zip(with)
        .map(|(without, with)| with / without.max(f64::MIN_POSITIVE))
        .collect();
    median(&mut ratios)
}

/// The geometric mean and the largest of the programs' costs, and which program that is.
fn record_summary(sink: &mut FigureSink, costs: &[(&str, f64)]) {
    let Some(&(worst, largest)) = costs.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return;
    };
    let ratios: Vec<f64> = costs.iter().map(|(_, cost)| *cost).collect();
    sink.push("geomean", WITH, "report_cost", geometric_mean(&ratios), "x");
    sink.push("max", WITH, "report_cost", largest, "x");
    let over: Vec<String> = costs
        .iter()
        .filter(|(_, cost)| *cost > 1.10)
        .map(|(name, cost)| format!("{name} {cost:.2}x"))
        .collect();
    sink.note(&format!(
        "report_cost over {} programs: largest {worst} ({largest:.2}x); over 1.10x: {}",
        costs.len(),
        if over.is_empty() {
            "none".to_string()
        } else {
            over.join(", ")
        }
    ));
}

/// A recorded run must have written its page.
fn check_page(page: &Path) -> Result<(), String> {
    match std::fs::metadata(page) {
        Ok(meta) if meta.len() > 0 => Ok(()),
        Ok(_) => Err(format!("{} is empty", page.display())),
        Err(error) => Err(format!("no report written at {}: {error}", page.display())),
    }
}

/// Runs `program arguments...` to completion and returns the processor time it used (user +
/// system, ms), read from `wait4`. Output is discarded; a run that fails is an error naming
/// the command.
pub(crate) fn cpu_ms(program: &Path, arguments: &[OsString]) -> Result<f64, String> {
    let shown = || {
        std::iter::once(program.as_os_str())
            .chain(arguments.iter().map(OsString::as_os_str))
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let child = Command::new(program)
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start {}: {error}", shown()))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|error| error.to_string())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, for which all zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        // SAFETY: `pid` is our own child, not yet waited for (`child` is only dropped, which
        // neither waits nor kills); `status` and `usage` are valid for writes.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped >= 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
        {
            break reaped;
        }
    };
    drop(child);
    if reaped != pid {
        return Err(format!(
            "cannot wait for {}: {}",
            shown(),
            std::io::Error::last_os_error()
        ));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{} failed (wait status {status})", shown()));
    }
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 * 1e-6;
    Ok((seconds(usage.ru_utime) + seconds(usage.ru_stime)) * 1e3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_time_is_the_child_s_and_follows_its_work() {
        let python = Path::new("python3");
        let busy = |loops: u64| {
            vec![
                OsString::from("-c"),
                OsString::from(format!("s = 0\nfor i in range({loops}): s += i\n")),
            ]
        };
        let short = cpu_ms(python, &busy(1_000)).expect("python3 runs");
        let long = cpu_ms(python, &busy(20_000_000)).expect("python3 runs");
        assert!(short >= 0.0 && short < long, "{short} ms vs {long} ms");
        assert!(long > 100.0, "20M additions in {long} ms");
    }

    #[test]
    fn a_failing_child_is_an_error_naming_it() {
        let error = cpu_ms(
            Path::new("python3"),
            &[OsString::from("-c"), OsString::from("raise SystemExit(3)")],
        )
        .expect_err("exit status 3 is a failure");
        assert!(error.contains("python3 -c"), "{error}");
        let missing = cpu_ms(Path::new("/no/such/pymm"), &[]).expect_err("nothing to start");
        assert!(missing.contains("cannot start"), "{missing}");
    }

    #[test]
    fn the_cost_is_the_median_of_the_pairs_ratios() {
        // Ratios 1.1, 3.0 (a burst of load on one run) and 1.2: the median is 1.2 (the mean
        // would be 1.77).
        let cost = median_ratio(&[10.0, 10.0, 10.0], &[11.0, 30.0, 12.0]);
        assert!((cost - 1.2).abs() < 1e-12, "{cost}");
    }

    #[test]
    fn the_summary_names_the_largest_and_those_over_a_tenth() {
        let mut sink = FigureSink::new("report");
        record_summary(&mut sink, &[("a", 1.0), ("b", 1.21), ("c", 1.0)]);
        let notes = sink.notes().to_vec();
        let (figures, failures) = sink.finish();
        assert!(failures.is_empty());
        let value = |workload: &str| {
            figures
                .iter()
                .find(|figure| figure.workload == workload)
                .map(|figure| figure.value)
                .unwrap()
        };
        assert!((value("geomean") - 1.21f64.powf(1.0 / 3.0)).abs() < 1e-12);
        assert_eq!(value("max"), 1.21);
        assert!(notes[0].contains("largest b (1.21x)"), "{notes:?}");
        assert!(notes[0].contains("over 1.10x: b 1.21x"), "{notes:?}");
    }

    #[test]
    fn a_run_without_its_page_is_a_failure() {
        let folder = tempfile::tempdir().unwrap();
        let page = folder.path().join("page.html");
        assert!(check_page(&page).unwrap_err().contains("no report written"));
        std::fs::write(&page, "").unwrap();
        assert!(check_page(&page).unwrap_err().contains("empty"));
        std::fs::write(&page, "<html>").unwrap();
        assert_eq!(check_page(&page), Ok(()));
    }
}
