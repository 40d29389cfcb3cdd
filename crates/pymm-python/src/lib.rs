//! pymm-python: a compact Python whose every object lives in a pymm heap.
//!
//! Source is parsed by ruff's parser, compiled to a small bytecode ([`compile`]) and run by a
//! frame-stack VM ([`vm`]). Objects ([`objects`]) are `Gc<Obj>` handles: reference counts
//! free them at once, pymm's generational collector finds cycles, and `gc`, `sys` and
//! `weakref` ([`modules`]) expose both.
//!
//! The layers, from the bottom (`tests/layers.rs` fails when a file names a layer above its
//! own):
//! - [`stack`] and [`rt`]: the interpreter thread's stack guard, and the pymm crates;
//! - [`compile`]: source to bytecode; it knows no object, and asks the runtime for its
//!   constants through [`compile::Constants`];
//! - the object layouts: `objects/*/layout.rs` and the data-only files of [`objects`];
//! - the object model: one module per built-in type in [`objects`] (`objects/list/` holds the
//!   list's layout, slot table, methods and sort, as CPython's `Objects/listobject.c`), the
//!   VM ([`vm`]: generic operations that dispatch through the types' slot tables,
//!   [`vm::slots`], the eval loop, calls, attributes) and the builtins namespace
//!   ([`builtins`]). These three still name each other: a native function's type takes the
//!   `Vm`, and the VM finds each type's table;
//! - [`report`], then [`modules`] and [`import`], then [`run`].
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
pub mod stack;
pub mod vm;

pub use run::{run_file, run_source, Options};

/// Largest value `sys.setrecursionlimit` accepts.
pub const MAX_RECURSION_LIMIT: usize = 1_000_000;
