//! pymm: CPython's memory management in Rust — reference counting with immediate
//! reclamation, plus a generational cycle collector with Python's `gc` API.
//!
//! * [`Gc<T>`]: clone increments, drop decrements, zero frees now (finalizer first).
//! * [`Weak<T>`]: does not keep its referent alive; optional callback at death.
//! * [`Heap`]: the allocator (pymm-alloc pools), three generations and the collector; the
//!   thread's default heap backs [`Gc::new`].
//! * [`Trace`] and `#[derive(Trace)]`: how objects show their handles to the collector.
//!
//! Headers: 16 bytes for objects that cannot own handles (never scanned), 32 bytes for
//! containers (collector links before the header), as in CPython.
//!
//! The seed article's two examples:
//!
//! ```
//! use pymm::{Gc, Heap, Trace};
//! use std::cell::RefCell;
//!
//! // 1. reference counts: a list held by x, then also by y, then y dropped
//! let heap = Heap::new();
//! let x = heap.alloc(vec![1, 2, 3]);
//! assert_eq!(Gc::ref_count(&x), 1);
//! let y = x.clone();
//! assert_eq!(Gc::ref_count(&x), 2);
//! drop(y);
//! assert_eq!(Gc::ref_count(&x), 1);
//!
//! // 2. a cycle that reference counting cannot free
//! #[derive(Trace)]
//! struct Node { other: RefCell<Option<Gc<Node>>> }
//! let a = heap.alloc(Node { other: RefCell::new(None) });
//! let b = heap.alloc(Node { other: RefCell::new(Some(a.clone())) });
//! *a.other.borrow_mut() = Some(b.clone());
//! drop((a, b));
//! assert_eq!(heap.collect(2), 2);
//! ```

#![warn(missing_docs)]

extern crate self as pymm;

mod alloc;
mod any;
mod api;
mod census;
mod collect;
mod dealloc;
mod gc;
mod gc_api;
mod header;
mod heap;
mod list;
mod pipeline;
mod reach;
mod recheck;
mod shutdown;
mod state;
mod teardown;
mod trace;
mod trace_impls;
mod visit;
mod walk;
mod weak;

pub use any::{getsizeof, referents, GcAny};
pub use api::{
    stress_from_env, CallbackId, CallbackInfo, CallbackPhase, Config, DebugFlags, GenerationStats,
};
pub use census::GenerationSizes;
pub use gc::Gc;
pub use heap::Heap;
pub use pymm_alloc::{AllocError, Stats as AllocStats};
pub use pymm_derive::Trace;
pub use trace::{Finalize, Trace, Tracer};
pub use weak::Weak;

/// Header bytes of an object that cannot own handles (untracked, never scanned).
pub const UNTRACKED_HEADER_SIZE: usize = header::HEADER_SIZE;
/// Header bytes of a container (collector links + header).
pub const TRACKED_HEADER_SIZE: usize = header::HEADER_SIZE + header::LINKS_SIZE;

/// Re-export of the allocator crate, for its `Stats` type and constants.
pub use pymm_alloc;
