//! The report's data, as written by `--report-json` and embedded in the HTML report.
//! docs/report-json.md describes every field; keep the two in step.

use serde::Serialize;

use crate::vm::trail::Place;

/// Format name and version of the JSON document.
pub const FORMAT: &str = "pymm-report";
/// Bumped when a field changes meaning or goes away (adding fields does not bump it).
pub const VERSION: u32 = 1;

/// Everything the report shows.
#[derive(Serialize)]
pub struct Report {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// [`VERSION`].
    pub version: u32,
    /// What ran.
    pub program: Program,
    /// The run at a glance.
    pub summary: Summary,
    /// Heap and generations over time, with one marker per collection.
    pub timeline: Timeline,
    /// Snapshots of the arena/pool map.
    pub arenas: Arenas,
    /// Pause statistics per generation.
    pub pauses: Vec<Pauses>,
    /// Allocation sites.
    pub sites: Sites,
    /// Garbage cycles the collector found.
    pub cycles: Cycles,
}

/// The program that ran.
#[derive(Serialize)]
pub struct Program {
    /// The script as shown in tracebacks.
    pub script: String,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Process exit code.
    pub exit_code: i32,
}

/// Totals of the run.
#[derive(Serialize)]
pub struct Summary {
    /// Seconds from the start of recording to the end of shutdown.
    pub wall_seconds: f64,
    /// Seconds inside collections (sum of the pauses).
    pub gc_seconds: f64,
    /// Highest heap use seen (pymm heap blocks + buffers objects own outside it), in bytes.
    pub peak_heap_bytes: usize,
    /// Peak resident set size of the process (`VmHWM`), in bytes; null where unknown.
    pub peak_rss_bytes: Option<usize>,
    /// Objects allocated by the program (and its shutdown).
    pub objects_allocated: u64,
    /// Of those, freed when their reference count fell to zero (allocated - freed by the
    /// collector - still allocated at the end).
    pub freed_by_refcount: u64,
    /// Objects the collector found unreachable and freed.
    pub freed_by_collector: u64,
    /// Collections of generations 0, 1 and 2.
    pub collections: [usize; 3],
    /// Unreachable objects found by all collections (= `freed_by_collector`).
    pub garbage_found: u64,
    /// The longest pause, in microseconds, and its generation (null without collections).
    pub largest_pause: Option<Pause>,
    /// Time spent in the recorder's heap walks (the sum of `recording_walks`), in seconds.
    pub recording_seconds: f64,
    /// That time by kind of walk.
    pub recording_walks: RecordingWalks,
}

/// Seconds spent in each kind of heap walk while recording.
#[derive(Serialize)]
pub struct RecordingWalks {
    /// Counting the objects of each generation.
    pub generations: f64,
    /// Arena snapshots.
    pub arenas: f64,
    /// Measuring the live bytes of each allocation site.
    pub live_sites: f64,
    /// Finding garbage groups before collections.
    pub garbage: f64,
}

/// One pause.
#[derive(Serialize, Clone, Copy)]
pub struct Pause {
    /// Generation collected.
    pub generation: usize,
    /// Microseconds.
    pub micros: f64,
}

/// Column-wise samples over time; every array has one entry per sample.
#[derive(Serialize, Default)]
pub struct Timeline {
    /// Seconds since the start.
    pub t: Vec<f64>,
    /// Bytes of the pymm heap handed out (small blocks by class size, large ones by size).
    pub heap_bytes: Vec<usize>,
    /// Bytes objects own outside the pymm heap (list items, str text, dict tables, ...).
    pub external_bytes: Vec<usize>,
    /// Resident set size of the process; null where unknown.
    pub rss_bytes: Vec<Option<usize>>,
    /// Tracked objects in generations 0, 1, 2 and the permanent (frozen) one; null where
    /// the walk was skipped to keep the recording's cost down.
    pub generations: [Vec<Option<usize>>; 4],
    /// One entry per collection (thinned to a bound for long runs; see `markers_dropped`).
    pub markers: Vec<Marker>,
    /// Collections not shown as markers (they still count in `pauses` and `summary`).
    pub markers_dropped: usize,
}

/// A collection on the timeline.
#[derive(Serialize, Clone, Copy)]
pub struct Marker {
    /// Seconds since the start (when the collection began).
    pub t: f64,
    /// Generation collected.
    pub generation: usize,
    /// Pause in microseconds.
    pub pause_micros: f64,
    /// Unreachable objects found and freed.
    pub collected: usize,
}

/// Snapshots of the arena map.
#[derive(Serialize, Default)]
pub struct Arenas {
    /// Block size of each size class (index = class).
    pub block_sizes: Vec<usize>,
    /// Blocks one pool of each class holds.
    pub blocks_per_pool: Vec<usize>,
    /// Snapshots in time order.
    pub snapshots: Vec<ArenaFrame>,
    /// Snapshots thinned out to keep the file small.
    pub snapshots_dropped: usize,
}

/// The arena map at one moment.
#[derive(Serialize, Clone)]
pub struct ArenaFrame {
    /// Seconds since the start.
    pub t: f64,
    /// Why it was taken: "start", "interval", "collection N" (after a collection of
    /// generation N), "end of program", "after shutdown".
    pub label: String,
    /// Mapped arenas in address order.
    pub arenas: Vec<ArenaRow>,
}

/// One arena: two characters per pool (see docs/report-json.md): the pool's state or size
/// class, then its fill (0-9).
#[derive(Serialize, Clone)]
pub struct ArenaRow {
    /// Address of the arena, hexadecimal.
    pub base: String,
    /// 63 pools (those serving blocks) x 2 characters.
    pub pools: String,
}

/// Pauses of one generation.
#[derive(Serialize)]
pub struct Pauses {
    /// The generation.
    pub generation: usize,
    /// Collections.
    pub count: usize,
    /// Sum of the pauses, microseconds.
    pub total_micros: f64,
    /// Percentiles (nearest rank) and maximum, microseconds; null without collections.
    pub p50_micros: Option<f64>,
    /// See `p50_micros`.
    pub p90_micros: Option<f64>,
    /// See `p50_micros`.
    pub p99_micros: Option<f64>,
    /// See `p50_micros`.
    pub max_micros: Option<f64>,
    /// Histogram: `counts[i]` pauses fell in `[edges_micros[i], edges_micros[i + 1])`.
    pub histogram: Histogram,
}

/// A histogram with explicit bin edges.
#[derive(Serialize, Default)]
pub struct Histogram {
    /// `counts.len() + 1` ascending edges.
    pub edges_micros: Vec<f64>,
    /// Pauses per bin.
    pub counts: Vec<usize>,
}

/// Allocation sites, grouped by line as `tracemalloc` groups them.
#[derive(Serialize, Default)]
pub struct Sites {
    /// One allocation in this many (on average, at random intervals) was sampled; every
    /// figure below is scaled up from the samples, so it is an estimate.
    pub sample_every: u32,
    /// Allocations sampled.
    pub samples: u64,
    /// When the live bytes per site were measured: at the highest heap use seen at a
    /// measurement (null if never).
    pub peak: Option<PeakMark>,
    /// Sites, largest live bytes at peak first (then total allocated); at most 100.
    pub sites: Vec<Site>,
    /// Sites not listed.
    pub sites_dropped: usize,
}

/// When live bytes were measured.
#[derive(Serialize, Clone, Copy)]
pub struct PeakMark {
    /// Seconds since the start.
    pub t: f64,
    /// Heap use then, bytes.
    pub heap_bytes: usize,
}

/// One line that allocates.
#[derive(Serialize)]
pub struct Site {
    /// File, line, function.
    #[serde(flatten)]
    pub place: Place,
    /// Estimated bytes allocated there (`sys.getsizeof` at allocation), over the run.
    pub allocated_bytes: u64,
    /// Estimated objects allocated there.
    pub allocated_objects: u64,
    /// Estimated bytes still alive from there at the peak (`sys.getsizeof` then).
    pub live_bytes_at_peak: u64,
    /// Estimated objects still alive from there at the peak.
    pub live_objects_at_peak: u64,
    /// The call stacks seen, most samples first (at most 5).
    pub stacks: Vec<Stack>,
}

/// A call stack that reached a site.
#[derive(Serialize)]
pub struct Stack {
    /// Samples with this stack.
    pub samples: u64,
    /// Frames, innermost first.
    pub frames: Vec<Place>,
}

/// Garbage cycles.
#[derive(Serialize, Default)]
pub struct Cycles {
    /// Collections examined before they ran (the rest were skipped to bound the cost).
    pub collections_examined: usize,
    /// Distinct shapes of garbage groups found (the graphs are a sample of them).
    pub distinct_shapes: u64,
    /// Graphs kept, in the order of their collections; each distinct shape once.
    pub graphs: Vec<CycleGraph>,
}

/// One group of garbage objects connected by references.
#[derive(Serialize)]
pub struct CycleGraph {
    /// Seconds since the start of the collection that freed it.
    pub t: f64,
    /// Generation of that collection.
    pub generation: usize,
    /// Objects in the group (nodes shown: at most 40).
    pub objects: usize,
    /// Groups of the same shape (types and lines) found later, while this one was kept.
    pub repeats: usize,
    /// The objects.
    pub nodes: Vec<CycleNode>,
    /// References `[from, to]` between nodes (indices into `nodes`).
    pub edges: Vec<[usize; 2]>,
}

/// An object of a garbage group.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub struct CycleNode {
    /// `type(obj).__name__`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Where it was allocated (null if the record was overwritten: see the docs).
    pub allocated_at: Option<Place>,
}
