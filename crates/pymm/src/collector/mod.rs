//! Layer 3, the cycle collector (CPython's `Python/gc.c`): a collection of one generation
//! and the younger ones, phase by phase (the order and each phase's invariants are in
//! `collect`'s docs).
//!
//! Owns:
//! * `collect`: the driver (callbacks, statistics, `DEBUG_*` output, promotion) and the
//!   automatic collection's choice of generation;
//! * `reach`, `visit`, `pipeline`: `subtract_refs` and `move_unreachable` on the scratch
//!   counts kept in the links, with the children prefetched (those near the object being
//!   traced handled at once) and, in a closure's walks, the member two steps ahead;
//! * `visitor`: what each pass does with each child a trace entry shows (the public
//!   `Tracer` of the handle layer is a transparent view of it; entries receive it erased);
//! * `recheck`: the resurrection check after finalizers;
//! * `unchanged`: collections of a set that cannot hold a cycle (every member's type has
//!   fixed edges), which skip the scan, and the per-generation bits that tell;
//! * `suspects`: collections of a set in which every object that may be garbage is
//!   reachable from a suspect (the object of an event), which scan only their closure;
//! * `teardown`: finalizers, weak references of the garbage, payload drops, blocks freed;
//! * `validate`: the consistency check run in stress mode (CPython's `validate_list`);
//! * `census`: the objects per generation and the arena map (`Heap::generation_sizes`,
//!   `Heap::arena_map`).
//!
//! Invariants: no user code runs between the first subtraction and the end of the reach
//! (a `Trace` impl that panics there stops the process); no object the teardown reached is
//! observable (dereferencing a torn-down object panics); no recursion grows with the
//! heap's depth.
//!
//! May use: `object`, `heap`. It knows no handle type: children are header pointers, the
//! saved garbage owned pointers; the collection is started from above (an allocation, the
//! gc API, a shutdown).

pub(crate) mod census;
pub(crate) mod collect;
pub(crate) mod pipeline;
pub(crate) mod reach;
pub(crate) mod recheck;
pub(crate) mod suspects;
pub(crate) mod teardown;
pub(crate) mod unchanged;
pub(crate) mod validate;
pub(crate) mod visit;
pub(crate) mod visitor;
