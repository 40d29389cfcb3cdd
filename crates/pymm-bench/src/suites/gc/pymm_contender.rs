//! Contender `pymm`: the workloads on `pymm::Gc` (the thread's default heap, its own pools),
//! and pymm's header sizes next to `Rc`'s and CPython's.

use crate::harness::FigureSink;
use crate::suites::gc::shapes::{collector_workloads, derived_trace};
use std::process::Command;

/// pymm's idiom for handles that change: `GcRefCell`, mutated through the object's write
/// barrier, so the collector sees every change (`Edges::Barriered`): a heap of such
/// objects built and left unwritten, or left alone since a full collection, is not
/// scanned again.
macro_rules! barriered_cell {
    ($owner:expr, $type:ident, $field:ident) => {
        pymm::write_field!(pymm::Gc::write($owner), $type, $field)
    };
}

collector_workloads! {
    name: "pymm",
    pointer: pymm::Gc,
    cell: pymm::GcRefCell,
    write: barriered_cell,
    derive: [pymm::Trace],
    collects_cycles: true,
    manual_trace: derived_trace,
    collect: {
        pymm::Heap::thread_default().collect(2);
    },
    pause_auto: { pymm::Heap::thread_default().disable() },
    resume_auto: { pymm::Heap::thread_default().enable() },
}

/// A container: it can hold a managed child, so the collector tracks it.
#[derive(pymm::Trace)]
struct TrackedProbe {
    _child: Option<pymm::Gc<TrackedProbe>>,
}

/// Header bytes of a pymm object: `getsizeof` minus the payload (`u64` holds no children,
/// so it is untracked; [`TrackedProbe`] is a container).
fn pymm_header_bytes() -> (usize, usize) {
    let untracked = pymm::Gc::new(7u64);
    let tracked = pymm::Gc::new(TrackedProbe { _child: None });
    let header = |any: &pymm::GcAny, payload: usize| pymm::getsizeof(any) - payload;
    (
        header(&pymm::Gc::to_any(&untracked), size_of::<u64>()),
        header(&pymm::Gc::to_any(&tracked), size_of::<TrackedProbe>()),
    )
}

/// CPython's header bytes, measured by python3: a float's `getsizeof` minus its 8-byte
/// value (untracked), a one-slot instance's minus its 8-byte slot (tracked).
fn cpython_header_bytes() -> Result<(usize, usize), String> {
    let code = "import sys\nclass S:\n    __slots__ = ('a',)\n\
                print(sys.getsizeof(1.5) - 8, sys.getsizeof(S()) - 8)";
    let output = Command::new("python3")
        .args(["-c", code])
        .output()
        .map_err(|error| format!("cannot run python3: {error}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<usize> = text
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match numbers[..] {
        [untracked, tracked] => Ok((untracked, tracked)),
        _ => Err(format!("python3 printed {text:?}, not two sizes")),
    }
}

/// Records header bytes per object (untracked, then tracked) for pymm, `Rc` (two counters,
/// from its layout) and CPython.
pub fn record_header_sizes(sink: &mut FigureSink) {
    let rc_header = 2 * size_of::<usize>();
    let rows = [
        ("pymm", Ok(pymm_header_bytes())),
        ("rc", Ok((rc_header, rc_header))),
        ("cpython", cpython_header_bytes()),
    ];
    for (metric, pick) in [("untracked", 0), ("tracked", 1)] {
        for (contender, outcome) in &rows {
            match outcome {
                Ok(sizes) => {
                    let bytes = if pick == 0 { sizes.0 } else { sizes.1 };
                    sink.push(
                        "header_bytes",
                        contender,
                        metric,
                        bytes as f64,
                        "bytes/object",
                    );
                }
                Err(message) => sink.fail("header_bytes", contender, message),
            }
        }
    }
}
