//! Contender `cpython`: the same heap shapes built by `python3` (py/gc_shapes.py), timed
//! inside python3 around the measured part only, so interpreter start-up is not counted.

use super::collector::Sizes;
use crate::harness::Sample;
use std::path::PathBuf;
use std::process::Command;

/// Directory of the Python scripts shipped with this crate.
pub fn script_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/py"))
}

/// The arguments of py/gc_shapes.py for `workload`, or `None` for shapes CPython skips.
pub fn shape_arguments(workload: &str, sizes: &Sizes) -> Option<Vec<String>> {
    let numbers: Vec<usize> = match workload {
        "cyclic_garbage" => vec![sizes.cycle_pairs],
        "live_heap" | "live_heap_cells" => vec![sizes.live_chains, sizes.chain_length],
        "gc_collect" => vec![sizes.rings, sizes.ring_links, sizes.collections_per_sample],
        "gc_traversal" => vec![sizes.traversal_levels, sizes.collections_per_sample],
        _ => return None,
    };
    let mut arguments = vec![workload.to_string()];
    arguments.extend(numbers.iter().map(ToString::to_string));
    Some(arguments)
}

/// Runs one shape under python3 and returns the nanoseconds it reports.
pub fn measure_ns(arguments: &[String]) -> Sample {
    let script = script_dir().join("gc_shapes.py");
    let output = Command::new("python3")
        .arg(&script)
        .args(arguments)
        .output()
        .map_err(|error| format!("cannot run python3: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "python3 {} failed ({}): {}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim()
        .parse()
        .map_err(|_| format!("python3 printed {text:?}, not a number of nanoseconds"))
}
