//! The collector's phases that run user code: weak reference callbacks, finalizers, and the
//! teardown of the garbage. Every list is well formed (real `prev` pointers) here, so
//! objects freed by user code meanwhile can unlink themselves.

use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use std::cell::Cell;

use crate::dealloc::{free_block, release_hold};
use crate::header::{
    has_flag, header, links_ptr, obj_of_links, Links, COLLECTING, COUNT_MASK, FINALIZED, HAS_WEAK,
    TORN_DOWN, TRACKED, UNREACHABLE,
};
use crate::heap::HeapState;
use crate::list;
use crate::trace::{Mode, Tracer};
use crate::weak::{clear_weak_refs, run_weak_callbacks};

/// The first panic raised by user code during a collection. User code runs while objects
/// sit in lists whose heads live on the collector's stack, so a panic must not unwind
/// through the collector: it is caught, the collection completes, then it is re-raised.
#[derive(Default)]
pub(crate) struct PanicSlot(Option<Box<dyn Any + Send>>);

impl PanicSlot {
    /// Runs `f`, keeping its panic (the first one) for later.
    pub(crate) fn guard(&mut self, f: impl FnOnce()) {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(f)) {
            self.0.get_or_insert(panic);
        }
    }

    /// Re-raises the kept panic, if any.
    pub(crate) fn resume(self) {
        if let Some(panic) = self.0 {
            resume_unwind(panic);
        }
    }
}

/// Step 4: clear every weak reference to the garbage, then run the callbacks of the weak
/// handles still alive (they cannot reach the garbage: their referents are cleared).
pub(crate) fn handle_weak_refs(state: &HeapState, garbage: &Links, panics: &mut PanicSlot) {
    let mut callbacks = Vec::new();
    list::for_each(garbage, |obj| {
        // SAFETY: list members are live containers.
        if has_flag(unsafe { header(obj) }, HAS_WEAK) {
            // SAFETY: live object.
            unsafe { clear_weak_refs(state, obj, &mut callbacks) };
        }
    });
    panics.guard(|| run_weak_callbacks(callbacks));
}

/// Step 5 (CPython's `finalize_garbage`): each object is moved to `seen` before its
/// finalizer runs, so the walk survives finalizers that free or resurrect anything.
pub(crate) fn finalize_garbage(garbage: &Links, panics: &mut PanicSlot) {
    let seen = Links::new();
    list::init(&seen);
    while let Some(obj) = list::first(garbage) {
        // SAFETY: live container in `garbage`.
        let h = unsafe { header(obj) };
        // SAFETY: as above.
        unsafe { list::move_to(links_ptr(obj), &seen) };
        if let Some(finalize) = h.vtable.finalize {
            if !has_flag(h, FINALIZED) {
                h.word.set((h.word.get() | FINALIZED) + 1);
                // SAFETY: we hold a count across the call.
                panics.guard(|| unsafe { finalize(obj) });
                // SAFETY: our count; at zero the object is freed (it unlinks itself).
                panics.guard(|| unsafe { release_hold(obj) });
            }
        }
    }
    list::merge(&seen, garbage);
}

/// Step 7: tear down the garbage; returns how many objects it held. All objects are
/// flagged TORN_DOWN (and their collector flags cleared, weak references cleared) and held
/// before any payload is dropped; then payloads are dropped (a panic in a `Drop` impl is
/// re-raised after the collection completes); then the holds are released, freeing each
/// block whose count reaches zero. Objects still referenced stay as zombies (untracked)
/// until their last handle goes.
///
/// `restore`: the generation just collected when the garbage's own references are still
/// subtracted from the counts (the fast path): each object's references are given back
/// just before it is marked (a trace never dereferences a handle, so marking early objects
/// does not disturb tracing later ones).
pub(crate) fn teardown(
    state: &HeapState,
    garbage: &Links,
    restore: Option<usize>,
    panics: &mut PanicSlot,
) -> usize {
    let mut callbacks = Vec::new();
    let mut found = 0;
    let mut tracer = Tracer::new(Mode::Restore {
        gen: restore.unwrap_or(0),
    });
    list::for_each(garbage, |obj| {
        // SAFETY: live container in `garbage`.
        let h = unsafe { header(obj) };
        if restore.is_some() {
            // SAFETY: live, not yet dropped payload; tracing only reads it.
            unsafe { (h.vtable.trace)(obj, &mut tracer) };
        }
        let word = h.word.get() & !(COLLECTING | UNREACHABLE);
        h.word.set((word | TORN_DOWN) + 1);
        if word & HAS_WEAK != 0 {
            // SAFETY: live object.
            unsafe { clear_weak_refs(state, obj, &mut callbacks) };
        }
        found += 1;
    });
    drop_payloads(garbage, panics);
    release_holds(state, garbage);
    panics.guard(|| run_weak_callbacks(callbacks));
    found
}

/// Drops every payload of the (torn-down, held) garbage list, resuming after a panic.
fn drop_payloads(garbage: &Links, panics: &mut PanicSlot) {
    let cursor = Cell::new(garbage.next.get());
    let head: *const Links = garbage;
    while !std::ptr::eq(cursor.get(), head) {
        panics.guard(|| {
            while !std::ptr::eq(cursor.get(), head) {
                let node = cursor.get();
                // SAFETY: list members are held: no one can free or unlink them.
                unsafe {
                    cursor.set((*node).next.get());
                    let obj = obj_of_links(node);
                    // The payload is dropped exactly once, here (TORN_DOWN is set).
                    (header(obj).vtable.drop_payload)(obj);
                }
            }
        });
    }
}

/// Releases the teardown holds; frees what reaches zero. No user code runs here (payloads
/// are gone), so the list is simply abandoned and its head reset.
fn release_holds(state: &HeapState, garbage: &Links) {
    list::for_each(garbage, |obj| {
        // SAFETY: live, held container.
        let h = unsafe { header(obj) };
        let word = (h.word.get() - 1) & !TRACKED;
        h.word.set(word);
        if word & COUNT_MASK == 0 {
            // SAFETY: torn down (payload dropped) and no handle left.
            unsafe { free_block(state, obj) };
        }
    });
    list::init(garbage);
}
