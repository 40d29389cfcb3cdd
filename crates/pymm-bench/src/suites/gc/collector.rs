//! What every collector contender of the `gc` suite provides: the workloads, run on its own
//! pointer type, each returning the time of its measured part.

use std::sync::OnceLock;
use std::time::Duration;

/// Runs `work` and returns its result with the processor time the calling thread spent in
/// it (user and system: page faults and system calls included), as py/gc_shapes.py times
/// CPython (`time.thread_time_ns`). Not the wall clock: on a machine shared with other
/// processes, a time slice given to one of them in the middle of a measured collection
/// would count as the collection's (one such slice is milliseconds, more than a whole
/// collection of some workloads), in one contender's sample and not another's. The
/// clock's own cost (a system call, more than some collections take) is taken off.
pub fn timed<R>(work: impl FnOnce() -> R) -> (R, Duration) {
    let overhead = clock_overhead();
    let start = thread_cpu_time();
    let result = work();
    let elapsed = thread_cpu_time().saturating_sub(start);
    (result, elapsed.saturating_sub(overhead))
}

/// Shortest processor time a repeated measurement ([`timed_runs`]) is taken over.
const MIN_TIMED: Duration = Duration::from_millis(1);

/// The processor time `runs` calls of `work` take, measured over as many calls as it takes
/// to last at least [`MIN_TIMED`] (ten times more each try, as Python's `timeit` ranges),
/// scaled back to `runs`. A call of some tens of nanoseconds (a collection that finds
/// nothing changed) is otherwise lost in the clock's own variation: `runs` of them take
/// less than one reading of the clock, whose least cost is all `timed` can take off.
pub fn timed_runs(runs: usize, mut work: impl FnMut()) -> Duration {
    let runs = runs.max(1);
    let mut count = runs;
    loop {
        let (_, elapsed) = timed(|| (0..count).for_each(|_| work()));
        if elapsed >= MIN_TIMED || count >= runs.saturating_mul(100_000) {
            return elapsed.mul_f64(runs as f64 / count as f64);
        }
        count = count.saturating_mul(10);
    }
}

/// What two readings of [`thread_cpu_time`] in a row measure: the least of a few pairs,
/// measured once.
fn clock_overhead() -> Duration {
    static OVERHEAD: OnceLock<Duration> = OnceLock::new();
    *OVERHEAD.get_or_init(|| {
        (0..64)
            .map(|_| {
                let start = thread_cpu_time();
                thread_cpu_time().saturating_sub(start)
            })
            .min()
            .unwrap_or_default()
    })
}

/// The processor time of the calling thread so far.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant Linux knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Sizes of the workloads (the full run, or the `--quick` smoke run).
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Objects created and dropped by the acyclic churn.
    pub churn_objects: usize,
    /// Two-object cycles left for one collection.
    pub cycle_pairs: usize,
    /// Live chains in the live-heap workload ...
    pub live_chains: usize,
    /// ... of this many objects each.
    pub chain_length: usize,
    /// Random operations of dumpster's multiref churn.
    pub multiref_operations: usize,
    /// Depth of rust-cc-benchmarks' binary trees.
    pub tree_depth: usize,
    /// Doubly linked lists built one after the other ...
    pub list_count: usize,
    /// ... of this many nodes each.
    pub list_length: usize,
    /// log2 of the nodes (and of the random edges) of the stress test.
    pub stress_log2: u32,
    /// pyperformance gc_collect: cycles per run ...
    pub rings: usize,
    /// ... of this many links (plus one node) each.
    pub ring_links: usize,
    /// pyperformance gc_traversal: levels of nested containers.
    pub traversal_levels: usize,
    /// Timed collections per gc_collect / gc_traversal sample.
    pub collections_per_sample: usize,
}

impl Sizes {
    /// The sizes the issues specify.
    pub const FULL: Sizes = Sizes {
        churn_objects: 1_000_000,
        cycle_pairs: 500_000,
        live_chains: 1_000,
        chain_length: 1_000,
        multiref_operations: 1_000_000,
        tree_depth: 11,
        list_count: 30,
        list_length: 4096,
        stress_log2: 15,
        rings: 100,
        ring_links: 20,
        traversal_levels: 1000,
        collections_per_sample: 20,
    };

    /// Small sizes for a smoke run in seconds.
    pub const QUICK: Sizes = Sizes {
        churn_objects: 10_000,
        cycle_pairs: 5_000,
        live_chains: 10,
        chain_length: 1_000,
        multiref_operations: 10_000,
        tree_depth: 7,
        list_count: 3,
        list_length: 512,
        stress_log2: 10,
        rings: 10,
        ring_links: 20,
        traversal_levels: 100,
        collections_per_sample: 2,
    };

    /// Objects in the live-heap workload.
    pub fn live_objects(&self) -> usize {
        self.live_chains * self.chain_length
    }
}

/// A cycle collector (or `Rc`, the floor) under test. Every method builds its heap shape on
/// the contender's own pointer type and returns how long the measured part took.
pub trait Collector {
    /// Contender name used in tables and JSON.
    fn name(&self) -> &'static str;
    /// False for `Rc`, which leaks cycles: workloads that only time a collection skip it.
    fn collects_cycles(&self) -> bool {
        true
    }
    /// Create and drop `objects` small objects one by one (a final collection included).
    fn acyclic_churn(&self, sizes: &Sizes) -> Duration;
    /// Build `cycle_pairs` two-object cycles, drop them; time one collection.
    fn cyclic_garbage(&self, sizes: &Sizes) -> Duration;
    /// Build `live_chains` rooted chains; time one collection that finds nothing.
    fn live_heap(&self, sizes: &Sizes) -> Duration;
    /// The same chains with each handle in a cell, so that the collection must scan them.
    fn live_heap_cells(&self, sizes: &Sizes) -> Duration;
    /// dumpster's multiref churn from 50 nodes, ending with a drop of all and a collection.
    fn multiref_churn(&self, sizes: &Sizes, seed: u64) -> Duration;
    /// rust-cc-benchmarks' binary trees, ending with a collection.
    fn binary_trees(&self, sizes: &Sizes) -> Duration;
    /// The same with parent pointers (every inner node points back to its parent).
    fn binary_trees_with_parents(&self, sizes: &Sizes) -> Duration;
    /// rust-cc-benchmarks' large doubly linked lists, ending with a collection.
    fn linked_lists(&self, sizes: &Sizes) -> Duration;
    /// rust-cc-benchmarks' stress test: a random graph de-rooted a slice at a time.
    fn stress_test(&self, sizes: &Sizes, seed: u64) -> Duration;
    /// pyperformance gc_collect: total time of `collections_per_sample` collections, each
    /// of `rings` freshly dropped cycles.
    fn gc_collect(&self, sizes: &Sizes) -> Duration;
    /// pyperformance gc_traversal: total time of `collections_per_sample` collections over
    /// nested containers where nothing is garbage.
    fn gc_traversal(&self, sizes: &Sizes) -> Duration;
}
