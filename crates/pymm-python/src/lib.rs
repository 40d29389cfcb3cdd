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
//! - the object layouts: `objects/*/layout.rs`, the data-only files of [`objects`], and
//!   [`objects::builtin`], the record of a built-in function, whose function type the VM
//!   supplies (`objects::builtin::NativeSignature`) so that `objects/mod.rs` names no VM;
//! - the object model: one module per built-in type in [`objects`] (`objects/list/` holds the
//!   list's layout, slot table, methods and sort, as CPython's `Objects/listobject.c`), then
//!   the VM ([`vm`]: generic operations that dispatch through the types' slot tables,
//!   [`vm::slots`], the eval loop, calls, attributes), which finds each type's table in what
//!   the builtins namespace ([`builtins`]) registers, never by name;
//! - [`report`], then [`modules`] and [`import`], then [`run`].
//!
//! No modules name each other in a circle (`tests/layers.rs` checks that too). A module
//! depends on what it names through a `crate::` or `super::` path (each member of a `use`
//! group counts), and on nothing it names otherwise; a module naming its own children is
//! not a dependency, since it is made of them: `objects/mod.rs`'s `Obj` has a variant per
//! type's layout, and the layouts hold `PyRef`s, `Gc<Obj>`, one recursive type spread over
//! files. Siblings that would call each other share what both need from a third module
//! (a generator's `Step` is in `objects/frame.rs`, below both the eval loop and
//! `vm/generator.rs`); the compiler's statement and expression halves recurse into each
//! other through methods of one `Compiler`, while their files point one way.
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
