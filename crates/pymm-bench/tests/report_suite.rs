//! The `report` suite end to end, against stand-ins for `pymm` (shell scripts that take its
//! arguments): the table, the summary, `--only`, the rounds, where the pages go, and what
//! happens when a run writes no page.

use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A stand-in for `pymm run [--report PAGE] PROGRAM LOOPS`: appends its arguments to
/// `$log`, burns a little processor time, and writes PAGE when `writes_page`.
fn stand_in(folder: &Path, writes_page: bool) -> PathBuf {
    let log = folder.join("calls.log");
    let write = if writes_page {
        r#"echo '<html>' > "$2""#
    } else {
        ":"
    };
    let script = format!(
        "#!/bin/sh\necho \"$@\" >> '{}'\nshift\ni=0; while [ $i -lt 2000 ]; do i=$((i+1)); done\n\
         if [ \"$1\" = --report ]; then {write}; fi\n",
        log.display()
    );
    let path = folder.join("pymm");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn run_suite(pymm: &Path, extra: &[&str], json: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pymm-bench"))
        .arg("report")
        .arg("--pymm")
        .arg(pymm)
        .arg("--json")
        .arg(json)
        .args(extra)
        .output()
        .expect("pymm-bench runs")
}

fn calls(folder: &Path) -> Vec<String> {
    std::fs::read_to_string(folder.join("calls.log"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_chosen_program_runs_in_pairs_and_gets_a_cost() {
    let folder = tempfile::tempdir().unwrap();
    let pymm = stand_in(folder.path(), true);
    let json = folder.path().join("figures.json");
    let output = run_suite(
        &pymm,
        &["--only", "richards,gc_collect", "--rounds", "3"],
        &json,
    );
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{table}");
    assert!(table.contains("== suite report =="), "{table}");
    assert!(!table.contains("not measured"), "{table}");
    assert!(
        table.contains("report_cost over 2 programs: largest "),
        "{table}"
    );

    // Interleaved pairs: without, with, without, with... of each program in turn, at the
    // suite's loop count; every page in one temporary folder, not /tmp itself.
    let calls = calls(folder.path());
    assert_eq!(calls.len(), 2 * 3 * 2, "{calls:?}");
    let mut pages = Vec::new();
    for (i, call) in calls.iter().enumerate() {
        let words: Vec<&str> = call.split(' ').collect();
        let program = if i < 6 {
            "bm_richards.py"
        } else {
            "gc_collect.py"
        };
        assert_eq!(words[0], "run", "{call}");
        assert!(words.last() == Some(&"10"), "{call}");
        assert!(words[words.len() - 2].ends_with(program), "{call}");
        if i % 2 == 0 {
            assert_eq!(words.len(), 3, "without --report: {call}");
        } else {
            assert_eq!(words[1], "--report", "{call}");
            pages.push(PathBuf::from(words[2]));
        }
    }
    let temp = std::env::temp_dir();
    for page in &pages {
        let dir = page.parent().unwrap();
        assert_ne!(dir, temp, "{}", page.display());
        assert!(
            !dir.exists(),
            "the temporary folder is removed: {}",
            dir.display()
        );
    }

    let figures: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let figures = figures.as_array().unwrap();
    let find = |workload: &str, contender: &str, metric: &str| {
        figures
            .iter()
            .find(|f| {
                f["workload"] == workload && f["contender"] == contender && f["metric"] == metric
            })
            .and_then(|f| f["value"].as_f64())
            .unwrap_or_else(|| panic!("{workload}/{contender}/{metric} missing: {figures:?}"))
    };
    let mut costs = Vec::new();
    for workload in ["richards", "gc_collect"] {
        assert!(find(workload, "pymm", "cpu_time") >= 0.0);
        assert!(find(workload, "pymm_report", "cpu_time") >= 0.0);
        costs.push(find(workload, "pymm_report", "report_cost"));
    }
    let largest = costs.iter().copied().fold(f64::MIN, f64::max);
    assert_eq!(find("max", "pymm_report", "report_cost"), largest);
    let geomean = (costs[0] * costs[1]).sqrt();
    assert!((find("geomean", "pymm_report", "report_cost") - geomean).abs() < 1e-9);
}

#[test]
fn a_run_that_writes_no_page_is_reported_not_measured() {
    let folder = tempfile::tempdir().unwrap();
    let pymm = stand_in(folder.path(), false);
    let json = folder.path().join("figures.json");
    let output = run_suite(&pymm, &["--only", "nbody", "--rounds", "2"], &json);
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(
        table.contains("not measured: report/nbody/pymm_report: no report written"),
        "{table}"
    );
    assert!(!table.contains("report_cost"), "{table}");
    // The recorded run is not repeated once it failed; the plain one still is.
    assert_eq!(calls(folder.path()).len(), 3);
}

#[test]
fn quick_runs_two_programs_once_with_one_loop() {
    let folder = tempfile::tempdir().unwrap();
    let pymm = stand_in(folder.path(), true);
    let json = folder.path().join("figures.json");
    let output = run_suite(&pymm, &["--quick"], &json);
    assert!(output.status.success());
    let calls = calls(folder.path());
    assert_eq!(calls.len(), 4, "{calls:?}");
    assert!(calls.iter().all(|call| call.ends_with(" 1")), "{calls:?}");
}

#[test]
fn an_unknown_program_is_a_clear_failure() {
    let folder = tempfile::tempdir().unwrap();
    let pymm = stand_in(folder.path(), true);
    let json = folder.path().join("figures.json");
    let output = run_suite(&pymm, &["--only", "no_such_program"], &json);
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(
        table.contains("--only: no program named no_such_program"),
        "{table}"
    );
}

#[test]
fn loops_sets_every_program_s_loop_count() {
    let folder = tempfile::tempdir().unwrap();
    let pymm = stand_in(folder.path(), true);
    let json = folder.path().join("figures.json");
    let output = run_suite(
        &pymm,
        &["--only", "nbody", "--rounds", "1", "--loops", "3"],
        &json,
    );
    assert!(output.status.success());
    let calls = calls(folder.path());
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(
        calls.iter().all(|call| call.ends_with("bm_nbody.py 3")),
        "{calls:?}"
    );
}
