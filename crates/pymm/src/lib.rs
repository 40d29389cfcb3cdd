//! pymm: CPython's memory management in Rust — reference counting with immediate
//! reclamation, plus a generational cycle collector with Python's `gc` API.
//!
//! * [`Gc<T>`]: clone increments, drop decrements, zero frees now (finalizer first).
//! * [`Weak<T>`]: does not keep its referent alive; optional callback at death.
//! * [`Heap`]: the allocator (pymm-alloc pools), three generations and the collector; the
//!   thread's default heap backs [`Gc::new`].
//! * [`Trace`] and `#[derive(Trace)]`: how objects show their handles to the collector.
//! * [`ByAddress`]: identity as a map key; [`GcMut`]: what [`Gc::get_mut`] lends.
//! * [`GcRefCell`] and [`GcCell`]: cells whose mutations need the [`Write`] capability
//!   [`Gc::write`] hands out (a write barrier), so the collector sees every change of the
//!   handles inside them ([`Edges::Barriered`]); std's cells work too, scanned every time.
//! * [`referents`] (`gc.get_referents`: a handle per child) and [`for_each_referent`] (each
//!   child's address, no handle or allocation: for tools that read a whole heap's graph).
//! * Variable-size objects in one block, as CPython's `PyObject_VAR_HEAD`: `Gc<[T]>` and
//!   `Gc<str>`, and payloads with a *tail* of bytes after them
//!   ([`Gc::try_new_with_tail_in`]: a tuple's items, an instance's attribute values).
//! * [`HeapAllocator`] and [`ThreadHeapAllocator`]: a heap's pools for the buffers its
//!   objects own (`allocator-api2` collections), as CPython sends `PyMem_Malloc` there.
//! * `examples/lisp.rs` (`cargo run -p pymm --example lisp`): a small Scheme built on all
//!   of the above: closures whose environments form cycles, a weak-valued symbol table,
//!   ports with finalizers, a `(gc)` builtin.
//!
//! Headers: 16 bytes for objects that cannot own handles (never scanned), 32 bytes for
//! containers (collector links before the header), as in CPython.
//!
//! # What safe code may rely on
//!
//! * **Several heaps.** Handles are `!Send`: a heap and its objects belong to one thread,
//!   which may have many heaps. A handle of one heap stored in an object of another (easy
//!   to do: [`Gc::new`] uses the thread's default heap, [`Heap::alloc`] another) is an
//!   *opaque strong reference*: the collector of the object's heap never follows or counts
//!   it, and the child's own collector sees an outside reference, so the child lives as long
//!   as the handle does. A cycle that runs through two heaps is never collected (as with
//!   `Rc`); everything else works as within one heap.
//! * **Panics.** User code runs inside the manager in `Drop` impls, finalizers, weak and gc
//!   callbacks. A panic there never leaves the heap inconsistent or leaks: the operation
//!   finishes (every object it had to free is freed) and the first panic then reaches its
//!   caller (dropping a `Gc`, [`Heap::collect`], dropping a [`Heap`]); collections started by
//!   an allocation, and heaps shut down while their thread exits, hand panics to the heap's
//!   unraisable hook instead ([`Heap::set_unraisable_hook`]; the default prints one line
//!   naming the type). A dereference of an object the collector has torn down (from the
//!   `Drop` impl of another object of the same garbage) panics, naming the type. `Trace`
//!   must not panic: if one does mid-collection, the process stops with a message.
//! * **Shutdown.** When the last [`Heap`] handle goes, its garbage is freed (full
//!   collections while they find some); objects still referenced live on, freed by reference
//!   counting. When the thread exits, every heap still alive on it is shut down the same
//!   way, which frees cycles left by any drop order, and heaps whose last handle sits inside
//!   the heap itself (in an object or a callback). `Gc::new` in a thread-local destructor
//!   works after the default heap is gone (a late heap, freed with its last object).
//!
//! # Layers
//!
//! The source reads top-down in four folders; each uses only itself and the folders below
//! it (`tests/layers.rs` checks every `crate::` path against this order):
//!
//! ```text
//!  handle/     Gc, GcAny, Weak, TracedWeak, Trace + Tracer, cells, slices and tails, allocation
//!     |        (and its automatic collection), Heap's constructors, gc API and shutdown
//!     v
//!  collector/  the phases of a collection: subtract, reach, finalize, recheck, tear down;
//!     |        the visitor behind Tracer; validate; census
//!     v
//!  heap/       HeapState and the Heap type, config, the thread's heaps, freeing at count
//!     |        zero (dealloc, trashcan), the weak table, unraisable panics
//!     v
//!  object/     header word and block layout, vtable with a type-erased trace entry, lists,
//!              the walk over a list holding scratch counts
//! ```
//!
//! What crosses a layer going up does so through a pointer stored below, never a name: a
//! vtable's entries are built in `handle/` from each type's `Trace` impl and called by the
//! collector and by `dealloc`; the trace entry takes an opaque `ErasedVisitor` (the
//! collector's visitor, which `Tracer` wraps), and the entries that free a block
//! (`drop_and_free`, `free_block`: monomorphised per payload type, so a sized payload's block
//! layout and size class are constants) an opaque `ErasedHeapState`; the last handle's drop
//! reaches one `destroy` entry per payload type (untrack, weak references, trashcan, the
//! payload's drop and the block's free, inlined into one function). User code (`Drop`,
//! finalizers, callbacks) runs from any layer through such entries and boxed closures. lib.rs re-exports the
//! public items; the folders name each other's items by their home paths.
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
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

extern crate self as pymm;

mod collector;
mod handle;
mod heap;
mod object;

pub use collector::census::GenerationSizes;
pub use handle::any::{
    for_each_referent, getsizeof, getsizeof_allocated, referents, GcAny, GC_LINKS_SIZE,
};
pub use handle::by_address::{Address, ByAddress};
pub use handle::cell::{GcCell, GcRefCell, Write};
pub use handle::gc::Gc;
pub use handle::gc_fmt::MAX_DEBUG_DEPTH;
pub use handle::gc_mut::GcMut;
pub use handle::side_alloc::{HeapAllocator, ThreadHeapAllocator};
pub use handle::slice::Payload;
pub use handle::trace::{Edges, Finalize, Trace, Tracer};
pub use handle::weak::{TracedWeak, Weak};
pub use heap::config::{
    stress_from_env, CallbackId, CallbackInfo, CallbackPhase, Config, DebugFlags, GenerationStats,
};
pub use heap::unraisable::{Unraisable, UserCode};
pub use heap::Heap;
pub use pymm_alloc::{AllocError, Stats as AllocStats};
pub use pymm_derive::Trace;

/// Header bytes of an object that cannot own handles (untracked, never scanned).
///
/// ```
/// let n = pymm::Gc::into_any(pymm::Gc::new(1u64));
/// assert_eq!(pymm::getsizeof(&n), pymm::UNTRACKED_HEADER_SIZE + 8);
/// ```
pub const UNTRACKED_HEADER_SIZE: usize = object::header::HEADER_SIZE;
/// Header bytes of a container (collector links + header).
///
/// ```
/// use pymm::Gc;
/// let cell = Gc::into_any(Gc::new(std::cell::Cell::new(None::<Gc<u8>>)));
/// assert_eq!(pymm::getsizeof(&cell), pymm::TRACKED_HEADER_SIZE + 8);
/// ```
pub const TRACKED_HEADER_SIZE: usize = object::header::HEADER_SIZE + object::header::LINKS_SIZE;

/// Re-export of `allocator-api2`, whose collections take a [`HeapAllocator`].
pub use allocator_api2;
/// Re-export of the allocator crate, for its `Stats` type and constants.
pub use pymm_alloc;
