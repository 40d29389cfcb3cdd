//! Layer 1 (bottom), objects: what one managed object is in memory, and the lists that chain
//! containers together.
//!
//! Owns:
//! * `header`: the block layout (collector links, 16-byte header or 8 for a compact type,
//!   payload, optional tail or slice items), the header word (strong count, flags, list id: the generation, through
//!   the heap's table), the per-type [`VTable`](header::VTable) of type-erased entries
//!   (those that free a block take the heap's state as an opaque `ErasedHeapState`), and
//!   the count's `retain` with its overflow check;
//! * `compact`: the process-wide registry of compact types' vtables, which objects without
//!   a vtable word find through the index bits of their header word;
//! * `trace_entry`: the vtable's `trace` entry and the opaque visitor it receives, so that
//!   this layer needs neither the collector's visitor nor the public `Tracer`;
//! * `list`: CPython's `gc_list_*`, intrusive circular lists through the links;
//! * `walk`: which way a collection walks a list while one of the two links holds scratch
//!   counts, and the per-generation choice of that direction.
//!
//! Invariants: a header pointer (`Obj`) is the address of the header inside its block, with
//! the block's provenance; only containers (the `CONTAINER` flag) have links; a list head
//! never moves while linked; the strong count never wraps into the flags (`retain` aborts).
//!
//! May use: nothing else in the crate (pymm-alloc's layouts only).

pub(crate) mod compact;
pub(crate) mod header;
pub(crate) mod list;
pub(crate) mod trace_entry;
pub(crate) mod walk;
