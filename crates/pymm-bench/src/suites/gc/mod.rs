//! Suite `gc`: reference counting and cycle collection, pymm against `Rc` (the floor, which
//! leaks cycles), dumpster, bacon_rajan_cc, rust-cc, gc and CPython, side by side.
//!
//! Every workload is run by every contender that can (Rust contenders through
//! [`collector::Collector`], CPython through py/gc_shapes.py), interleaved round robin; the
//! median is reported. Seeded workloads use one seed for all contenders.
//!
//! Two environment variables narrow a run, so that one workload of one contender can be
//! counted under callgrind: `PYMM_BENCH_GC_WORKLOADS` and `PYMM_BENCH_GC_CONTENDERS`, each a
//! comma-separated list of names (`large_linked_lists`, `rust_cc`, `cpython`...); unset,
//! everything runs.

pub mod collector;
pub mod cpython;
pub mod peers;
pub mod pymm_contender;
pub mod shapes;

use crate::harness::{measure_round_robin, Candidate, FigureSink, Sample};
use crate::suites::Settings;
use collector::{Collector, Sizes};
use std::time::Duration;

/// dumpster's multiref benchmark seeds its generator with this.
const MULTIREF_SEED: u64 = 12345;
/// rust-cc-benchmarks' stress test seed.
const STRESS_SEED: u64 = 0xCAFE;

/// One workload: how a Rust contender runs it, and how its time becomes a cost.
struct Workload {
    name: &'static str,
    unit: &'static str,
    /// Whether `Rc` runs it: not when only a collection is timed.
    with_rc: bool,
    run: fn(&dyn Collector, &Sizes) -> Duration,
    /// Nanoseconds per unit of cost (objects, runs, collections).
    divisor: fn(&Sizes) -> f64,
}

const NS_PER_MS: f64 = 1e6;

const WORKLOADS: [Workload; 11] = [
    Workload {
        name: "acyclic_churn",
        unit: "ns/object",
        with_rc: true,
        run: |c, s| c.acyclic_churn(s),
        divisor: |s| s.churn_objects as f64,
    },
    Workload {
        name: "cyclic_garbage",
        unit: "ns/object",
        with_rc: false,
        run: |c, s| c.cyclic_garbage(s),
        divisor: |s| (2 * s.cycle_pairs) as f64,
    },
    Workload {
        name: "live_heap",
        unit: "ns/object",
        with_rc: false,
        run: |c, s| c.live_heap(s),
        divisor: |s| s.live_objects() as f64,
    },
    Workload {
        name: "live_heap_cells",
        unit: "ns/object",
        with_rc: false,
        run: |c, s| c.live_heap_cells(s),
        divisor: |s| s.live_objects() as f64,
    },
    Workload {
        name: "multiref_churn",
        unit: "ms/run",
        with_rc: true,
        run: |c, s| c.multiref_churn(s, MULTIREF_SEED),
        divisor: |_| NS_PER_MS,
    },
    Workload {
        name: "binary_trees",
        unit: "ms/run",
        with_rc: true,
        run: |c, s| c.binary_trees(s),
        divisor: |_| NS_PER_MS,
    },
    Workload {
        name: "binary_trees_with_parents",
        unit: "ms/run",
        with_rc: true,
        run: |c, s| c.binary_trees_with_parents(s),
        divisor: |_| NS_PER_MS,
    },
    Workload {
        name: "large_linked_lists",
        unit: "ms/run",
        with_rc: true,
        run: |c, s| c.linked_lists(s),
        divisor: |_| NS_PER_MS,
    },
    Workload {
        name: "stress_test",
        unit: "ms/run",
        with_rc: true,
        run: |c, s| c.stress_test(s, STRESS_SEED),
        divisor: |_| NS_PER_MS,
    },
    Workload {
        name: "gc_collect",
        unit: "us/collect",
        with_rc: false,
        run: |c, s| c.gc_collect(s),
        divisor: |s| 1e3 * s.collections_per_sample as f64,
    },
    Workload {
        name: "gc_traversal",
        unit: "us/collect",
        with_rc: false,
        run: |c, s| c.gc_traversal(s),
        divisor: |s| 1e3 * s.collections_per_sample as f64,
    },
];

/// Whether `name` is in the comma-separated list of environment variable `variable`
/// (unset: everything is).
fn selected(variable: &str, name: &str) -> bool {
    std::env::var(variable).map_or(true, |list| list.split(',').any(|item| item.trim() == name))
}

/// The Rust contenders, pymm first.
fn contenders() -> Vec<Box<dyn Collector>> {
    vec![
        Box::new(pymm_contender::Contender),
        Box::new(peers::rc::Contender),
        Box::new(peers::dumpster_unsync::Contender),
        Box::new(peers::bacon_rajan::Contender),
        Box::new(peers::rust_cc_peer::Contender),
        Box::new(peers::gc_crate::Contender),
    ]
}

/// Runs every workload, then reports pymm's header sizes.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let sizes = if settings.quick {
        Sizes::QUICK
    } else {
        Sizes::FULL
    };
    let contenders = contenders();
    let chosen = |name: &str| selected("PYMM_BENCH_GC_CONTENDERS", name);
    for workload in WORKLOADS
        .iter()
        .filter(|workload| selected("PYMM_BENCH_GC_WORKLOADS", workload.name))
    {
        let mut candidates: Vec<Candidate<'_>> = contenders
            .iter()
            .filter(|contender| workload.with_rc || contender.collects_cycles())
            .filter(|contender| chosen(contender.name()))
            .map(|contender| rust_candidate(contender.as_ref(), workload, &sizes))
            .collect();
        let cpython = cpython::shape_arguments(workload.name, &sizes).filter(|_| chosen("cpython"));
        if let Some(arguments) = cpython {
            let divisor = (workload.divisor)(&sizes);
            candidates.push(Candidate::new("cpython", move || {
                cpython::measure_ns(&arguments).map(|ns| ns / divisor)
            }));
        }
        let medians = measure_round_robin(settings.rounds, candidates);
        sink.record(workload.name, "time", workload.unit, medians);
    }
    if selected("PYMM_BENCH_GC_WORKLOADS", "header_bytes") {
        pymm_contender::record_header_sizes(sink);
    }
}

fn rust_candidate<'a>(
    contender: &'a dyn Collector,
    workload: &'a Workload,
    sizes: &'a Sizes,
) -> Candidate<'a> {
    Candidate::new(contender.name(), move || -> Sample {
        let elapsed = (workload.run)(contender, sizes);
        Ok(elapsed.as_nanos() as f64 / (workload.divisor)(sizes))
    })
}
