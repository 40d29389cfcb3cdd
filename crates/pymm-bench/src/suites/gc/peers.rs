//! The peer contenders of the `gc` suite: `Rc` (the speed floor, leaks cycles), dumpster
//! (unsync), bacon_rajan_cc, rust-cc and gc, each with its default collection policy except
//! where a workload times one collection (automatic collections are then paused while the
//! heap is built, so that the timed collection finds everything).

/// `std::rc::Rc`: no collector; `collect` does nothing.
pub mod rc {
    use crate::suites::gc::shapes::{collector_workloads, derived_trace, field_cell};

    collector_workloads! {
        name: "rc",
        pointer: std::rc::Rc,
        cell: std::cell::RefCell,
        write: field_cell,
        derive: [],
        collects_cycles: false,
        manual_trace: derived_trace,
        collect: {},
        pause_auto: {},
        resume_auto: {},
    }
}

/// dumpster's thread-local collector.
pub mod dumpster_unsync {
    use crate::suites::gc::shapes::{collector_workloads, dumpster_trace, field_cell};

    collector_workloads! {
        name: "dumpster",
        pointer: dumpster::unsync::Gc,
        cell: std::cell::RefCell,
        write: field_cell,
        derive: [],
        collects_cycles: true,
        manual_trace: dumpster_trace,
        collect: { dumpster::unsync::collect() },
        pause_auto: { dumpster::unsync::set_collect_condition(|_| false) },
        resume_auto: {
            dumpster::unsync::set_collect_condition(dumpster::unsync::default_collect_condition)
        },
    }
}

/// bacon_rajan_cc: Bacon and Rajan's synchronous cycle collection; it never collects by
/// itself, so there is nothing to pause.
pub mod bacon_rajan {
    use crate::suites::gc::shapes::{bacon_rajan_trace, collector_workloads, field_cell};

    collector_workloads! {
        name: "bacon_rajan_cc",
        pointer: bacon_rajan_cc::Cc,
        cell: std::cell::RefCell,
        write: field_cell,
        derive: [],
        collects_cycles: true,
        manual_trace: bacon_rajan_trace,
        collect: { bacon_rajan_cc::collect_cycles() },
        pause_auto: {},
        resume_auto: {},
    }
}

/// rust-cc: cycle collection over buffered possible roots, auto-collect on by default.
pub mod rust_cc_peer {
    use crate::suites::gc::shapes::{collector_workloads, derived_trace, field_cell};

    collector_workloads! {
        name: "rust_cc",
        pointer: rust_cc::Cc,
        cell: std::cell::RefCell,
        write: field_cell,
        derive: [rust_cc::Trace, rust_cc::Finalize],
        collects_cycles: true,
        manual_trace: derived_trace,
        collect: { rust_cc::collect_cycles() },
        pause_auto: {
            rust_cc::config::config(|config| config.set_auto_collect(false))
                .expect("rust-cc's configuration is reachable outside a collection")
        },
        resume_auto: {
            rust_cc::config::config(|config| config.set_auto_collect(true))
                .expect("rust-cc's configuration is reachable outside a collection")
        },
    }
}

/// The `gc` crate: a tracing mark-and-sweep collector with counted roots.
// gc_derive 0.5 wraps the impls it derives in named constants, which this lint flags; the
// impls themselves are ordinary.
#[allow(non_local_definitions)]
pub mod gc_crate {
    use crate::suites::gc::shapes::{collector_workloads, derived_trace, field_cell};

    collector_workloads! {
        name: "gc",
        pointer: gc::Gc,
        cell: gc::GcCell,
        write: field_cell,
        derive: [gc::Trace, gc::Finalize],
        collects_cycles: true,
        manual_trace: derived_trace,
        collect: { gc::force_collect() },
        pause_auto: { gc::configure(|config| config.threshold = usize::MAX) },
        resume_auto: { gc::configure(|config| config.threshold = 100) },
    }
}
