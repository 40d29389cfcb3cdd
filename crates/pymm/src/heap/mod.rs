//! Layer 2, the heap: the state every object and handle of one heap shares, and what
//! happens to an object whose strong count reaches zero.
//!
//! Owns:
//! * `state`: [`HeapState`] (the allocator, the three generations and the permanent one,
//!   thresholds, statistics, the saved garbage, gc callbacks, the weak table, the trashcan,
//!   shutdown flags) and the thread's list of live states (`DEFAULT_STATE`, the only-heap
//!   fast path, the order the thread-exit sweep follows);
//! * `handle`: the [`Heap`] type, a counted handle to a state, with the accessors that only
//!   read or set the state (making one, allocating through it and dropping the last one are
//!   the handle layer's, `handle::heap_ops`);
//! * `gen_ids`: the table from a container's list id to its generation, and its bounds;
//! * `config`: `Config`, `DebugFlags`, callback and statistics types;
//! * `dealloc`: `release` and the path at count zero (finalizer, weak references, payload
//!   drop through the trashcan, block freed), shared by reference counting and the
//!   collector's teardown;
//! * `weak_table`: the weak reference cells of each object, cleared when it dies, and their
//!   callbacks;
//! * `unraisable`: where panics of user code go (`PanicSlot`, the unraisable hook).
//!
//! Invariants: a state outlives every block, handle and pin of its heap (freed by
//! `HeapState::release_if_unused` only when all are gone); at most `TRASH_LIMIT` payload
//! drops of one heap are nested; each entry of the saved garbage owns one strong count.
//!
//! May use: `object`. User code runs from here (payload drops, finalizers, weak callbacks),
//! and what it drops may be a `Heap` whose last handle shuts the heap down: that runs the
//! `Drop` impl of the handle layer, a call upward at run time that no import names (as a
//! payload's `Drop` impl is reached through its vtable).

pub(crate) mod config;
pub(crate) mod dealloc;
pub(crate) mod gen_ids;
pub(crate) mod handle;
pub(crate) mod state;
pub(crate) mod unraisable;
pub(crate) mod weak_table;

pub use handle::Heap;
pub(crate) use state::HeapState;
