//! Layer 4 (top), the handles: the public types a program holds and the operations that
//! start everything below (allocation, which may collect; dropping, which may free; the gc
//! API; a heap's shutdown).
//!
//! Owns:
//! * `gc`, `any`, `gc_mut`, `by_address`, `gc_fmt`: `Gc<T>`, `GcAny`, `GcMut`, `ByAddress`
//!   and their formatting;
//! * `cell`: `GcRefCell`, `GcCell` and the `Write` capability their mutations need (the
//!   write barrier, through `Gc::write`);
//! * `weak`: `Weak<T>` and `TracedWeak<T>` (on the heap layer's weak table);
//! * `trace`, `trace_impls`, `vtable`: the public `Trace` trait and `Tracer`, the std impls,
//!   and each payload type's vtable built from its `Trace` impl (the entries turn the
//!   object layer's erased visitor back into a `Tracer`);
//! * `slice`, `tail`: unsized payloads (`Gc<[T]>`, `Gc<str>`) and payloads with a tail;
//! * `alloc`: allocation, tracking, the automatic collection's trigger, the thread's
//!   default heap;
//! * `heap_ops`, `gc_api`, `side_alloc`: `Heap`'s constructors, allocation, drop, its
//!   `gc`-module API and its allocators for side buffers;
//! * `shutdown`: what the last `Heap` handle and the thread's exit run.
//!
//! Invariants: a handle owns one strong count (a `Weak` none) and never leaves its heap's
//! thread; a handle of another heap inside an object is an opaque strong reference to the
//! collector (see the crate docs).
//!
//! May use: every layer below (`object`, `heap`, `collector`).

pub(crate) mod alloc;
pub(crate) mod any;
pub(crate) mod by_address;
pub(crate) mod cell;
pub(crate) mod gc;
pub(crate) mod gc_api;
pub(crate) mod gc_fmt;
pub(crate) mod gc_mut;
pub(crate) mod heap_ops;
pub(crate) mod shutdown;
pub(crate) mod side_alloc;
pub(crate) mod slice;
pub(crate) mod tail;
pub(crate) mod trace;
pub(crate) mod trace_impls;
pub(crate) mod vtable;
pub(crate) mod weak;
