//! pymm-python: a compact Python whose every object lives in a pymm heap.
//!
//! Source is parsed by ruff's parser, compiled to a small bytecode ([`compile`]) and run by a
//! frame-stack VM ([`vm`]). Objects ([`objects`]) are `Gc<Obj>` handles: reference counts
//! free them at once, pymm's generational collector finds cycles, and `gc`, `sys` and
//! `weakref` ([`modules`]) expose both.
//!
//! ```
//! let options = pymm_python::Options::default();
//! let code = pymm_python::run_source("<doc>", "x = [1, 2, 3]\nassert len(x) == 3\n", &options);
//! assert_eq!(code, 0);
//! ```

#![warn(missing_docs)]

pub mod builtins;
pub mod compile;
pub mod import;
pub mod memory;
pub mod modules;
pub mod objects;
pub mod report;
pub mod rt;
pub mod run;
pub mod vm;

pub use run::{run_file, run_source, Options};

/// Largest value `sys.setrecursionlimit` accepts.
pub const MAX_RECURSION_LIMIT: usize = 1_000_000;
