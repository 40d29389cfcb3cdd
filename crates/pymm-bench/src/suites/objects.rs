//! Suite `objects`: what one Python object of each kind costs, under python3 and `pymm run`.
//!
//! Measured as a user would: py/objects.py keeps N objects of one kind alive in a list; the
//! peak resident memory of that program (GNU time's `%M`, as the `python` suite reads it)
//! minus the peak of the same program with none, divided by N, is the kind's bytes per
//! object, its slot in the list included (and the int `i` it holds, for the kinds built
//! from one). Each sample runs both programs back to back; the interpreters alternate round
//! robin and the median sample is kept.
//!
//! For pymm the program also prints its allocator's statistics while the objects are alive
//! (`sys._debugmallocstats()`), from which the suite reports the bytes per object in pymm's
//! heap, the bytes per object its objects hold outside it (system allocator buffers), and the share of
//! the peak resident memory that the heap (its arenas and large blocks) accounts for.

use crate::harness::{median_of, round_robin, Candidate, FigureSink, Samples};
use crate::suites::gc::cpython::script_dir;
use crate::suites::python::{run_measured, Usage, NO_PYMM};
use crate::suites::Settings;
use std::path::{Path, PathBuf};

/// The kinds py/objects.py builds, as (workload name, what each object is).
pub const KINDS: [(&str, &str); 12] = [
    (
        "slots_instance",
        "instance of a class with __slots__ (2 fields)",
    ),
    ("instance", "instance of a plain class (2 attributes)"),
    ("set_1", "{i}"),
    ("dict_1", "{\"k\": i}"),
    ("list_1", "[i]"),
    ("tuple_2", "(i, None)"),
    ("str", "str(i), 7 ASCII characters"),
    ("float", "float(i)"),
    ("int", "i (below 2**30)"),
    ("closure", "a nested function closing over i"),
    ("self_cycle", "an instance whose attribute is itself"),
    ("generator", "a generator not yet started"),
];

/// Objects kept alive per program (`--quick`: a smaller count, still far above the noise of
/// page-sized RSS steps).
fn object_count(settings: &Settings) -> usize {
    if settings.quick {
        20_000
    } else {
        300_000
    }
}

/// One sample of one interpreter: the program with N objects and the one with none.
struct Sample {
    full: Usage,
    empty: Usage,
    /// The allocator's figures with N objects and with none (pymm only).
    heap: Option<(HeapFigures, HeapFigures)>,
}

/// Runs every kind under both interpreters and records bytes per object; for pymm also the
/// heap's part of them.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let pymm = settings.pymm_binary();
    let count = object_count(settings);
    let script = script_dir().join("objects.py");
    for (kind, _) in KINDS {
        let candidates = vec![
            Candidate::new("pymm", || match &pymm {
                Some(binary) => sample(binary, &script, kind, count, true),
                None => Err(NO_PYMM.to_string()),
            }),
            Candidate::new("cpython", || {
                sample(Path::new("python3"), &script, kind, count, false)
            }),
        ];
        let runs = round_robin(settings.rounds.min(5), candidates);
        record(sink, kind, count, &runs);
    }
}

/// The figures of one kind.
fn record(sink: &mut FigureSink, kind: &str, count: usize, runs: &Samples<Sample>) {
    let per_object = |bytes: f64| bytes / count as f64;
    sink.record(
        kind,
        "bytes_per_object",
        "B/obj",
        median_of(runs, |s: &Sample| {
            per_object(s.full.peak_rss - s.empty.peak_rss)
        }),
    );
    let pymm_only = |pick: &dyn Fn(&Sample) -> f64| {
        let mut medians = median_of(runs, pick);
        medians.retain(|(name, _)| *name == "pymm");
        medians
    };
    let heap_of = |s: &Sample, figure: fn(&HeapFigures) -> f64| {
        s.heap
            .as_ref()
            .map_or(f64::NAN, |(full, empty)| figure(full) - figure(empty))
    };
    sink.record(
        kind,
        "in_heap_per_object",
        "B/obj",
        pymm_only(&|s| per_object(heap_of(s, HeapFigures::in_use))),
    );
    sink.record(
        kind,
        "outside_heap_per_obj",
        "B/obj",
        pymm_only(&|s| per_object(heap_of(s, |figures| figures.outside))),
    );
    sink.record(
        kind,
        "heap_share_of_peak",
        "%",
        pymm_only(&|s| {
            s.heap
                .as_ref()
                .map_or(f64::NAN, |(full, _)| 100.0 * full.held() / s.full.peak_rss)
        }),
    );
}

/// Runs the program with `count` objects of `kind`, then with none (`interpreter SCRIPT
/// KIND N`: both python3 and pymm take the script's arguments after it).
fn sample(
    interpreter: &Path,
    script: &Path,
    kind: &str,
    count: usize,
    heap_stats: bool,
) -> Result<Sample, String> {
    let run = |n: usize| -> Result<(Usage, Option<HeapFigures>), String> {
        let n = PathBuf::from(n.to_string());
        let mut arguments = vec![script, Path::new(kind), &n];
        if heap_stats {
            arguments.push(Path::new("--heap-stats"));
        }
        let usage = run_measured(interpreter, &arguments)?;
        let heap = heap_stats
            .then(|| HeapFigures::parse(&usage.stderr))
            .transpose()?;
        Ok((usage, heap))
    };
    let (full, full_heap) = run(count)?;
    let (empty, empty_heap) = run(0)?;
    Ok(Sample {
        full,
        empty,
        heap: full_heap.zip(empty_heap),
    })
}

/// What pymm's `sys._debugmallocstats()` says about its heap, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeapFigures {
    /// Bytes in small blocks handed out.
    pub small_in_use: f64,
    /// Bytes mapped for arenas.
    pub arenas_mapped: f64,
    /// Bytes in large blocks (from the system allocator, on the heap's behalf).
    pub large: f64,
    /// Bytes the interpreter's objects hold outside the heap (system allocator buffers).
    pub outside: f64,
}

impl HeapFigures {
    /// Reads the figures from the statistics table (labels as pymm prints them).
    pub fn parse(table: &str) -> Result<HeapFigures, String> {
        let field = |label: &str| -> Result<f64, String> {
            table
                .lines()
                .filter_map(|line| line.split_once('='))
                .find(|(name, _)| name.trim() == label)
                .and_then(|(_, value)| value.trim().replace(',', "").parse().ok())
                .ok_or_else(|| format!("no {label:?} in pymm's heap statistics: {table:?}"))
        };
        Ok(HeapFigures {
            small_in_use: field("# bytes in allocated blocks")?,
            arenas_mapped: field("Total")?,
            large: field("# bytes in large blocks")?,
            outside: field("# bytes outside the heap")?,
        })
    }

    /// Bytes of blocks in use in the heap, small and large.
    fn in_use(&self) -> f64 {
        self.small_in_use + self.large
    }

    /// Bytes the heap holds from the OS: its arenas and its large blocks.
    fn held(&self) -> f64 {
        self.arenas_mapped + self.large
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
# bytes in allocated blocks        =            9,584,128
Total                              =           11,534,336

# large blocks (system allocator)  =                    3
# bytes in large blocks            =            2,400,000
# bytes outside the heap           =              200,100
";

    #[test]
    fn heap_figures_are_read_from_the_statistics_table() {
        let figures = HeapFigures::parse(TABLE).expect("all labels present");
        assert_eq!(figures.small_in_use, 9_584_128.0);
        assert_eq!(figures.arenas_mapped, 11_534_336.0);
        assert_eq!(figures.in_use(), 9_584_128.0 + 2_400_000.0);
        assert_eq!(figures.outside, 200_100.0);
        assert_eq!(figures.held(), 11_534_336.0 + 2_400_000.0);
    }

    #[test]
    fn a_missing_label_is_an_error_naming_it() {
        let error = HeapFigures::parse("Total = 1\n").expect_err("labels missing");
        assert!(error.contains("# bytes in allocated blocks"), "{error}");
    }

    #[test]
    fn python3_pays_for_every_kind() {
        let script = script_dir().join("objects.py");
        for (kind, _) in KINDS {
            let sample = sample(Path::new("python3"), &script, kind, 20_000, false)
                .expect("python3 runs the program");
            let per_object = (sample.full.peak_rss - sample.empty.peak_rss) / 20_000.0;
            assert!(per_object >= 8.0, "{kind}: {per_object} B/obj");
        }
    }
}
