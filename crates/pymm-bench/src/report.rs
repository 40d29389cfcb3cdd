//! Output: a readable table per suite, and the JSON array CI and BENCHMARKS.md are built from.
//!
//! ```
//! use pymm_bench::harness::Figure;
//! use pymm_bench::report::{render_table, to_json};
//!
//! let figure = |contender: &str, value| Figure {
//!     suite: "alloc".into(),
//!     workload: "fixed_16".into(),
//!     contender: contender.into(),
//!     metric: "time".into(),
//!     value,
//!     unit: "ns/op".into(),
//! };
//! let figures = [figure("pymm", 2.0), figure("glibc", 5.0)];
//! let table = render_table(&figures);
//! assert!(table.contains("2.50x"), "{table}");
//! assert_eq!(to_json(&figures)[1]["contender"], "glibc");
//! ```

use crate::harness::Figure;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// The contender every ratio is taken against.
pub const REFERENCE: &str = "pymm";

/// Renders figures as a table: one block per workload and metric, one row per contender,
/// with the ratio `value / pymm's value` (above 1.00x: pymm is cheaper).
pub fn render_table(figures: &[Figure]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<30} {:<20} {:<15} {:>12} {:<10} {:>9}",
        "workload", "metric", "contender", "value", "unit", "vs pymm"
    );
    let mut previous_group: Option<(&str, &str)> = None;
    for figure in figures {
        let group = (figure.workload.as_str(), figure.metric.as_str());
        let (workload, metric) = if previous_group == Some(group) {
            ("", "")
        } else {
            group
        };
        previous_group = Some(group);
        let (value, unit) = displayed_value(figure);
        let _ = writeln!(
            out,
            "{:<30} {:<20} {:<15} {:>12} {:<10} {:>9}",
            workload,
            metric,
            figure.contender,
            value,
            unit,
            ratio_text(figures, figure)
        );
    }
    out
}

/// Bytes are shown in MiB, everything else as measured.
fn displayed_value(figure: &Figure) -> (String, String) {
    if figure.unit == "bytes" {
        (
            format!("{:.2}", figure.value / (1024.0 * 1024.0)),
            "MiB".to_string(),
        )
    } else {
        (format!("{:.3}", figure.value), figure.unit.clone())
    }
}

/// `figure.value` over the reference contender's value for the same workload and metric.
fn ratio_text(figures: &[Figure], figure: &Figure) -> String {
    let reference = figures.iter().find(|other| {
        other.contender == REFERENCE
            && other.workload == figure.workload
            && other.metric == figure.metric
    });
    match reference {
        Some(reference) if reference.value > 0.0 => {
            format!("{:.2}x", figure.value / reference.value)
        }
        _ => "-".to_string(),
    }
}

/// The figures as a JSON array of `{"suite","workload","contender","metric","value","unit"}`.
pub fn to_json(figures: &[Figure]) -> Value {
    Value::Array(
        figures
            .iter()
            .map(|figure| {
                json!({
                    "suite": figure.suite,
                    "workload": figure.workload,
                    "contender": figure.contender,
                    "metric": figure.metric,
                    "value": figure.value,
                    "unit": figure.unit,
                })
            })
            .collect(),
    )
}
