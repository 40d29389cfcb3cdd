//! The collector's phases that run user code: weak reference callbacks, finalizers, and the
//! teardown of the garbage. Every list is well formed (real `prev` pointers) here, so
//! objects freed by user code meanwhile can unlink themselves.

use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use crate::dealloc::release_hold;
use crate::header::{has_flag, header, links_ptr, Links, FINALIZED, HAS_WEAK, TORN_DOWN, TRACKED};
use crate::heap::HeapState;
use crate::list;
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

/// Step 7: tear down the garbage. All objects are flagged TORN_DOWN and held before any
/// payload is dropped; then payloads are dropped (a panic in a `Drop` impl is re-raised
/// after the teardown completes); then the holds are released, freeing each block whose
/// count reaches zero. Objects still referenced stay as zombies until their last handle.
pub(crate) fn teardown(state: &HeapState, garbage: &Links, panics: &mut PanicSlot) {
    let mut callbacks = Vec::new();
    list::for_each(garbage, |obj| {
        // SAFETY: live container in `garbage`.
        let h = unsafe { header(obj) };
        h.word.set((h.word.get() | TORN_DOWN) + 1);
        if has_flag(h, HAS_WEAK) {
            // SAFETY: live object (weak refs made by finalizers).
            unsafe { clear_weak_refs(state, obj, &mut callbacks) };
        }
    });
    list::for_each(garbage, |obj| {
        // SAFETY: held and torn down: the payload is dropped exactly once, here; no list
        // member can be freed or unlinked meanwhile (held, and untrack skips zombies).
        panics.guard(|| unsafe { (header(obj).vtable.drop_payload)(obj) });
    });
    while let Some(obj) = list::first(garbage) {
        // SAFETY: live container in `garbage`.
        let h = unsafe { header(obj) };
        // SAFETY: as above.
        unsafe { list::remove(links_ptr(obj)) };
        h.word.set(h.word.get() & !TRACKED);
        // SAFETY: the hold taken above.
        panics.guard(|| unsafe { release_hold(obj) });
    }
    panics.guard(|| run_weak_callbacks(callbacks));
}
