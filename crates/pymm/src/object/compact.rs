//! Compact types: payload types whose objects carry no vtable word.
//!
//! ```text
//!  container, not compact:  [ gc_next | gc_prev ][ word | vtable ][ payload T ... ]
//!  container, compact:      [ gc_next | gc_prev ][ word ][ payload T ... ]
//! ```
//!
//! A compact type declares an index (1..=[`MAX_INDEX`], `Trace::COMPACT_INDEX`), kept in
//! the [`COMPACT_MASK`] bits of each of its objects' header word; the vtable of such an
//! object is the entry of that index in a process-wide table, filled in when the type first
//! allocates (`register`). Index 0 means "the vtable word follows". Eight bytes saved per
//! object, for one test of the index bits at every type-erased vtable read
//! (`header::vtable_of`) and one load and compare per allocation (`register`).
//!
//! Two types cannot share an index: the second to allocate panics, naming both. A type's
//! vtable may exist at several addresses (a constant promoted once per codegen unit), so
//! an entry that differs from the caller's vtable is compared by `TypeId` before that
//! verdict.

use std::sync::atomic::{AtomicPtr, Ordering};

use crate::object::header::{VTable, COMPACT_BITS, COMPACT_MASK, COMPACT_SHIFT};

/// The largest compact type index.
pub(crate) const MAX_INDEX: usize = (1 << COMPACT_BITS) - 1;

/// The registered vtables, by compact type index (entry 0 unused). An entry goes from null
/// to a vtable once and never changes after.
static VTABLES: [AtomicPtr<VTable>; MAX_INDEX + 1] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_INDEX + 1];

/// The vtable registered for compact type index `index` (1..=15, taken from an object's
/// header word).
///
/// # Safety
/// An object whose header word has this index exists, so its type registered (`register`)
/// before it was allocated.
#[inline(always)]
pub(crate) unsafe fn registered(index: usize) -> &'static VTable {
    // Relaxed: the entry was seen non-null by the thread that allocated the object (objects
    // belong to their heap's thread), and never changes once set.
    let entry = VTABLES[index & MAX_INDEX].load(Ordering::Relaxed);
    // SAFETY: forwarded contract: set to a `&'static VTable` before any object of the index.
    unsafe { &*entry }
}

/// The header word bits of an object of the compact type whose vtable is `vtable`
/// (`vtable.compact` its index, not 0), after making sure its index is registered to this
/// type: one load and one compare once it is.
///
/// # Panics
/// If another type registered the same index.
#[inline(always)]
pub(crate) fn register(vtable: &'static VTable) -> usize {
    let index = vtable.compact;
    let entry = VTABLES[index & MAX_INDEX].load(Ordering::Relaxed);
    if !std::ptr::eq(entry, vtable) {
        register_slow(vtable);
    }
    (index << COMPACT_SHIFT) & COMPACT_MASK
}

#[cold]
#[inline(never)]
fn register_slow(vtable: &'static VTable) {
    let index = vtable.compact;
    assert!(
        (1..=MAX_INDEX).contains(&index),
        "pymm: {}'s compact type index is {index}, not in 1..={MAX_INDEX}",
        (vtable.type_name)()
    );
    let ours = std::ptr::from_ref(vtable).cast_mut();
    let entry = match VTABLES[index].compare_exchange(
        std::ptr::null_mut(),
        ours,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        Ok(_) => return,
        Err(entry) => entry,
    };
    // SAFETY: a non-null entry is a registered `&'static VTable`.
    let theirs = unsafe { &*entry };
    if (theirs.type_id)() != (vtable.type_id)() {
        panic!(
            "pymm: compact type index {index} claimed by both {} and {}",
            (theirs.type_name)(),
            (vtable.type_name)()
        );
    }
}
