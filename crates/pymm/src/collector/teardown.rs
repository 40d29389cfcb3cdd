//! The collector's phases that run user code: weak reference callbacks, finalizers, and the
//! teardown of the garbage. Every list is well formed (real `prev` pointers) here, so
//! objects freed by user code meanwhile can unlink themselves; the one exception is the
//! garbage list during the teardown's last step, which no user code can reach (see
//! [`drop_and_free`]). While that step frees blocks the allocator gives no memory back
//! ([`PurgesHeld`]): the arenas it empties are purged after the collection.

use std::cell::Cell;
use std::time::Duration;

use crate::collector::reach::mark_unreachable;
use crate::heap::dealloc::{erase_state, release_hold, release_teardown_hold};
use crate::heap::unraisable::{PanicSlot, UserCode};
use crate::heap::weak_table::{clear_weak_refs, run_weak_callbacks, PendingCallback};
use crate::heap::HeapState;
use crate::object::header::{
    finalizer_due, has_flag, header, links_ptr, obj_of_links, vtable_of, Links, Obj, COLLECTING,
    FINALIZED, HAS_WEAK, TRACKED, UNREACHABLE,
};
use crate::object::list;

/// Step 4: clear every weak reference to the garbage, then run the callbacks of the weak
/// handles still alive (they cannot reach the garbage: their referents are cleared).
/// Returns the callbacks of `TracedWeak`s, to be run after the teardown (see there).
pub(crate) fn handle_weak_refs(
    state: &HeapState,
    garbage: &Links,
    panics: &mut PanicSlot,
) -> Vec<PendingCallback> {
    let mut callbacks = Vec::new();
    clear_weak_refs_of(state, garbage, &mut callbacks);
    let (traced, closures) = callbacks.into_iter().partition(PendingCallback::is_traced);
    run_weak_callbacks(state, closures, panics);
    traced
}

/// Clears the weak references to every object of `garbage`, collecting their callbacks.
fn clear_weak_refs_of(state: &HeapState, garbage: &Links, callbacks: &mut Vec<PendingCallback>) {
    list::for_each(garbage, |obj| {
        // SAFETY: list members are live containers.
        if has_flag(unsafe { header(obj) }, HAS_WEAK) {
            // SAFETY: live object.
            unsafe { clear_weak_refs(state, obj, callbacks) };
        }
    });
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
        // SAFETY: as above.
        if let Some(finalize) = unsafe { vtable_of(obj) }.finalize {
            if finalizer_due(h.word.get()) {
                h.word.set((h.word.get() | FINALIZED) + 1);
                // SAFETY: as above.
                let type_name = Some((unsafe { vtable_of(obj) }.type_name)());
                // SAFETY: we hold a count across the call.
                panics.guard(UserCode::Finalizer, type_name, || unsafe { finalize(obj) });
                // SAFETY: our count; at zero the object is freed (it unlinks itself).
                panics.guard(UserCode::Drop, type_name, || unsafe { release_hold(obj) });
            }
        }
    }
    list::merge(&seen, garbage);
}

/// Step 7 after user code ran: tear down the garbage (flags clear, counts exact); returns
/// how many objects it held. Every object is marked (TORN_DOWN, held +1; see
/// `reach::mark_unreachable`) and its weak references cleared before any payload is
/// dropped, so user code can never read a dropped payload: a dereference of a zombie panics.
pub(crate) fn teardown(state: &HeapState, garbage: &Links, panics: &mut PanicSlot) -> usize {
    list::for_each(garbage, |obj| {
        // SAFETY: live container in `garbage`.
        let h = unsafe { header(obj) };
        h.word.set(mark_unreachable(h.word.get()));
    });
    teardown_marked(state, garbage, true, panics)
}

/// Step 7 on garbage already marked (by `reach::move_unreachable`, or by [`teardown`]):
/// weak references are cleared (`has_weak`: some object may have some), then every payload
/// is dropped and every block whose count falls to zero freed (see [`drop_and_free`]); the
/// weak callbacks run last. Returns how many objects the garbage held.
pub(crate) fn teardown_marked(
    state: &HeapState,
    garbage: &Links,
    has_weak: bool,
    panics: &mut PanicSlot,
) -> usize {
    let mut callbacks = Vec::new();
    if has_weak {
        clear_weak_refs_of(state, garbage, &mut callbacks);
    }
    let found = {
        let _purges = PurgesHeld::new(state);
        drop_and_free(state, garbage, panics)
    };
    run_weak_callbacks(state, callbacks, panics);
    found
}

/// Walks `garbage` front to back: for each marked object, drops its payload (a panic in a
/// `Drop` impl is kept and re-raised after the collection), then releases the collector's
/// hold: the block is freed if no handle is left, otherwise the object stays a zombie
/// (untracked, torn down) until its last handle goes. Returns how many objects were torn
/// down; `garbage` is empty afterwards.
///
/// Each member is handled by its type's vtable step (`TeardownStep`): its payload dropped,
/// then the hold of the member before it released, that block freed by a direct call when
/// both share a type (garbage is mostly made of few types), in one indirect call.
///
/// Each hold is released one object late, after the next member's payload drop: members
/// made together sit next to each other in the list, and a member's referrer is often the
/// next one (each half of a two-object cycle, a node and the one made after it), whose drop
/// then gives back its reference while the hold still keeps the object; the hold's release
/// frees the block at once, instead of the referrer's drop finding a zombie's last handle
/// (`dealloc::drop_slow`'s zombie path: the state looked up again, an indirect free).
///
/// The objects are not unlinked one by one: the list is the collector's alone while this
/// runs. User code run by a `Drop` impl cannot reach it: every member is torn down (so
/// `Gc::track`/`untrack` leave it alone) and held (so no member is freed before its turn,
/// and none is ever destroyed by reference counting, which would unlink it); the `gc` API
/// walks only the generations, and no collection or shutdown starts while this one runs.
/// So the walk reads each `next` link before the payload drop and the head is reset at
/// the end; the links of freed and zombie objects are never read again.
fn drop_and_free(state: &HeapState, garbage: &Links, panics: &mut PanicSlot) -> usize {
    let mut found = 0;
    let head: *const Links = garbage;
    // The next member to tear down (the head when done).
    let cursor: Cell<*const Links> = Cell::new(garbage.next.get());
    // The object whose payload is being dropped (its hold is released even on a panic).
    let dropping: Cell<Option<Obj>> = Cell::new(None);
    // The object whose payload was dropped last, its hold not released yet (see above).
    let late: Cell<Option<Obj>> = Cell::new(None);
    while !std::ptr::eq(cursor.get(), head) || dropping.get().is_some() {
        let mut panic = PanicSlot::default();
        panic.guard(UserCode::Drop, None, || {
            if let Some(obj) = dropping.take() {
                // SAFETY: a held, torn-down object whose payload drop panicked.
                unsafe { release_teardown_hold(state, obj) };
            }
            while !std::ptr::eq(cursor.get(), head) {
                let node = cursor.get();
                // SAFETY: a member of `garbage` not torn down yet: held, so allocated, and
                // its links untouched since the list was built (see above).
                let obj = unsafe { obj_of_links(node) };
                // SAFETY: as above.
                cursor.set(unsafe { (*node).next.get() });
                // SAFETY: as above.
                let h = unsafe { header(obj) };
                let cleared = h.word.get() & !(COLLECTING | UNREACHABLE | TRACKED);
                // Stored as a whole word (a volatile store keeps its width): the compiler
                // would otherwise clear the flags with a one-byte store, which the word's
                // reload after the payload's drop (the hold's release) cannot take from
                // the store buffer: it would wait for the store to reach the cache, once
                // per object.
                // SAFETY: the header is live and a `Cell` never lends a reference to its
                // content, so nothing else reads or writes the word during the store.
                unsafe { h.word.as_ptr().write_volatile(cleared) };
                found += 1;
                dropping.set(Some(obj));
                // SAFETY: the payload is dropped exactly once, here (TORN_DOWN is set, so
                // no handle can reach it any more); `late` is held and torn down, its hold
                // ours (released by the step, unless the drop unwinds: `late` keeps it).
                unsafe { (vtable_of(obj).teardown_step)(erase_state(state), obj, late.get()) };
                dropping.set(None);
                late.set(Some(obj));
            }
        });
        // The object whose drop panicked is still held: its type names the panic.
        // SAFETY: a held object's block is allocated.
        let type_name = dropping
            .get()
            .map(|obj| (unsafe { vtable_of(obj) }.type_name)());
        panics.absorb(panic, type_name);
    }
    if let Some(last) = late.take() {
        // SAFETY: our hold on a torn-down object (releasing it runs no user code: its
        // payload is gone, and a block is only freed).
        unsafe { release_teardown_hold(state, last) };
    }
    list::init(garbage);
    found
}

/// How long the allocator's emptied arenas keep their memory while a teardown frees blocks:
/// longer than any teardown lasts (see [`PurgesHeld`]).
const TEARDOWN_PURGE_DELAY: Duration = Duration::from_secs(3600);

/// Postpones the allocator's purges while the garbage is freed, restoring the delay when
/// dropped (even when a `Drop` impl's panic unwinds through the teardown).
///
/// A large teardown empties arena after arena, and each arena that empties makes the
/// allocator check the purge deadlines of the others: arenas emptied more than the delay
/// earlier in the same teardown would be given back (`madvise`) in the middle of it, a
/// system call per arena inside the collection's pause. Their memory is given back after
/// the collection instead, at the allocator's next deadline check (the next arena that
/// empties or the next pool taken), counted from when each arena emptied.
struct PurgesHeld<'a> {
    state: &'a HeapState,
    /// The delay before the teardown, and the one it set.
    delay: Duration,
    held: Duration,
}

impl<'a> PurgesHeld<'a> {
    fn new(state: &'a HeapState) -> PurgesHeld<'a> {
        let delay = state.alloc.purge_delay();
        let held = delay.max(TEARDOWN_PURGE_DELAY);
        state.alloc.set_purge_delay(held);
        PurgesHeld { state, delay, held }
    }
}

impl Drop for PurgesHeld<'_> {
    fn drop(&mut self) {
        // A `Drop` impl that set a delay of its own meanwhile keeps it.
        if self.state.alloc.purge_delay() == self.held {
            self.state.alloc.set_purge_delay(self.delay);
        }
    }
}
