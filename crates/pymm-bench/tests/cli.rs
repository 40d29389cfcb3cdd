//! The binary end to end: a quick `alloc` run writes well-formed JSON, and a survivor-sweep
//! child reports readings that follow the allocations.

use serde_json::Value;
use std::process::Command;

fn bench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pymm-bench"))
}

#[test]
fn quick_alloc_run_writes_one_figure_per_contender_and_workload() {
    let json = std::env::temp_dir().join(format!("pymm-bench-test-{}.json", std::process::id()));
    let output = bench()
        .args(["alloc", "--quick", "--json"])
        .arg(&json)
        .output()
        .expect("pymm-bench runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("== suite alloc =="), "{table}");
    let figures: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("JSON written")).unwrap();
    let _ = std::fs::remove_file(&json);
    let figures = figures.as_array().expect("a JSON array");
    assert_eq!(figures.len(), 7 * 3, "7 workloads x pymm, glibc, mimalloc");
    for figure in figures {
        for key in ["suite", "workload", "contender", "metric", "unit"] {
            assert!(figure[key].is_string(), "{key} missing in {figure}");
        }
        assert_eq!(figure["suite"], "alloc");
        assert!(
            figure["value"].as_f64().is_some_and(|value| value > 0.0),
            "{figure}"
        );
    }
    for contender in ["pymm", "glibc", "mimalloc"] {
        assert_eq!(
            figures
                .iter()
                .filter(|f| f["contender"] == contender)
                .count(),
            7
        );
    }
}

#[test]
fn sweep_child_reports_memory_growing_with_allocations() {
    let output = bench()
        .args(["--rss-child", "glibc", "--rss-blocks", "200000"])
        .output()
        .expect("pymm-bench runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let readings: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let reading = |step: &str| {
        readings[step]
            .as_f64()
            .unwrap_or_else(|| panic!("{step} missing"))
    };
    // 200K blocks of 32 bytes plus the pointer table: well over 6 MB more than at the start.
    assert!(
        reading("rss_after_alloc") - reading("rss_start") > 6e6,
        "{readings}"
    );
    assert!(
        reading("rss_after_free_all") < reading("rss_after_alloc"),
        "{readings}"
    );
}

#[test]
fn unknown_suite_and_unknown_sweep_contender_are_clear_errors() {
    let output = bench().arg("allocs").output().expect("pymm-bench runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value 'allocs'"));
    let output = bench()
        .args(["--rss-child", "jemalloc"])
        .output()
        .expect("pymm-bench runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown rss contender"));
}
