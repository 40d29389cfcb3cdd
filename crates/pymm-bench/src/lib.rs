//! pymm-bench: side-by-side benchmarks of pymm against its anchors.
//!
//! Suites (see BENCHMARKS.md at the repository root for the latest figures):
//! - `alloc`: pymm-alloc vs glibc malloc vs mimalloc, alloc+free churn;
//! - `rss`: resident memory through a survivor sweep, each allocator in its own process;
//! - `gc`: pymm's reference counting and cycle collector vs `Rc`, dumpster, bacon_rajan_cc,
//!   rust-cc, gc and CPython;
//! - `python`: the pyperformance programs under `python3`, `pymm run` and the peers found on
//!   `PATH` (RustPython, PyPy, pydantic-monty), outputs checked against python3's;
//! - `objects`: bytes per Python object of each kind under `python3` and `pymm run`, and the
//!   share of pymm's peak memory that lives in its heap;
//! - `report`: what `pymm run --report` costs, processor time with and without it on every
//!   program of `python`.
//!
//! Contenders of one figure run in the same process run (or interleaved child processes),
//! round robin over several rounds; the median is reported, every figure a cost (lower is
//! better). A benchmark prints figures; it never fails on time.
//!
//! ```no_run
//! use pymm_bench::suites::{Settings, Suite};
//!
//! let settings = Settings { rounds: 3, quick: true, pymm: None, only: Vec::new(), loops: None };
//! let (figures, failures) = Suite::Alloc.run(&settings).finish();
//! println!("{}", pymm_bench::report::render_table(&figures));
//! assert!(failures.is_empty(), "{failures:?}");
//! ```

pub mod allocators;
pub mod harness;
pub mod report;
pub mod suites;
