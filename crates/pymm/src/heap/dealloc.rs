//! Freeing at refcount zero: finalizer first (it may resurrect), then weak references, then
//! the payload drop through the trashcan, then the block.
//!
//! Trashcan invariant: at most [`TRASH_LIMIT`] payload drops of one heap are nested on the
//! stack. A deeper one is deferred: the dead object (untracked, weak refs cleared, finalized,
//! count zero) goes on the heap's deferred list, threaded through its unused links (objects
//! without links, rare in deep chains, go in a vector), and is dropped by the outermost
//! payload drop once it returns. So dropping a 10-million-long
//! linked list uses bounded stack.

use crate::heap::state::TRASH_STEP;
use crate::heap::unraisable::{PanicSlot, UserCode};
use crate::heap::weak_table::{clear_weak_refs, run_weak_callbacks};
use crate::heap::{Heap, HeapState};
use crate::object::header::{
    finalizer_due, freed_block_of, has_flag, header, links_ptr, obj_of_links, same_vtable,
    vtable_of, vtable_with, DropAndFree, ErasedHeapState, FreeBlock, Obj, ARMED, CONTAINER,
    COUNT_MASK, FINALIZABLE, FINALIZED, HAS_WEAK, TORN_DOWN, TRACKED,
};
use crate::object::list;
use std::alloc::Layout;
use std::panic::resume_unwind;
use std::ptr::NonNull;

/// Nested payload drops allowed before deferring (CPython's trashcan uses 50).
pub(crate) const TRASH_LIMIT: usize = 50;

/// Gives back one strong count; frees the object when it was the last, notes the
/// decrement when the object is armed.
///
/// # Safety
/// The caller owns one strong count of the live object `obj`.
#[inline(always)]
pub(crate) unsafe fn release(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    let word = h.word.get() - 1;
    h.word.set(word);
    // One test for both: `ARMED` is the word's sign bit, so the masked word is at most
    // zero exactly when the count is zero or the object is armed (the same cost as the
    // test of the count alone: a compare with a constant in a register).
    if ((word & (COUNT_MASK | ARMED)) as isize) <= 0 {
        // SAFETY: forwarded contract; `word` is the header word now.
        unsafe { drop_slow(obj, word) }
    }
}

const _: () = assert!(
    ARMED == 1 << (usize::BITS - 1),
    "ARMED must be the sign bit"
);

/// A decrement left the count of an armed object above zero: the last outside reference
/// to a cycle through it may have gone, so its generation is no longer known to hold no
/// garbage (see the collector's `unchanged`). The object is disarmed: until a scan arms
/// it again its generation stays unquiet, so its next decrements have nothing to add.
/// Objects whose edges the collector does not see never come here, others once per scan.
///
/// # Safety
/// `obj` is live; `word` is its header word, just stored.
#[inline(never)]
unsafe fn note_decrement(obj: Obj, word: usize) {
    // SAFETY: forwarded contract.
    let (h, state) = unsafe { (header(obj), HeapState::of(obj)) };
    h.word.set(word & !ARMED);
    // SAFETY: live (forwarded contract), armed hence a container; `word` as before.
    unsafe { state.note_suspect(obj, word) };
}

/// The count of `obj` just reached zero, or it is armed; `word` is its header word
/// (passed on, not read again: the decrement's store is still in flight).
///
/// # Safety
/// `obj` is live; if its count is zero, no handle refers to it; `word` is its header
/// word.
#[cold]
#[inline(never)]
pub(crate) unsafe fn drop_slow(obj: Obj, word: usize) {
    if word & (TORN_DOWN | FINALIZABLE | HAS_WEAK | COUNT_MASK) == 0 {
        // The common case, one test for every rare one: a live object without a finalizer
        // nor weak references, count zero, destroyed by its type's entry (a jump: this
        // function needs no stack frame).
        // SAFETY: forwarded contract.
        unsafe { (vtable_with(obj, word).destroy)(obj, word) };
    } else {
        // SAFETY: forwarded contract.
        unsafe { drop_special(obj, word) };
    }
}

/// [`drop_slow`]'s rare cases: an armed object whose count is above zero, a zombie's last
/// handle, an object with a finalizer, one with weak references.
///
/// # Safety
/// As for [`drop_slow`].
#[cold]
#[inline(never)]
unsafe fn drop_special(obj: Obj, word: usize) {
    // Each case is a call of its own (a jump): none pays for another's stack frame.
    if word & COUNT_MASK != 0 {
        // SAFETY: forwarded contract: live, armed (the only way here with a count).
        unsafe { note_decrement(obj, word) };
    } else if word & TORN_DOWN != 0 {
        // A zombie's last handle: the payload is gone already, free the memory.
        // SAFETY: live block, not referenced.
        unsafe { free_zombie(obj) };
    } else if let (true, Some(finalize)) = (
        finalizer_due(word),
        // SAFETY: forwarded contract: a live object.
        unsafe { vtable_of(obj) }.finalize,
    ) {
        // Out of line: its stack frame (a panic slot) stays off the common paths.
        // SAFETY: forwarded contract; the finalizer is due.
        unsafe { finalize_then_destroy(obj, finalize) };
    } else {
        // Finalized already (FINALIZABLE is only set with a finalizer), or weak references.
        // SAFETY: live, count zero, no handle.
        unsafe { destroy(obj) };
    }
}

/// Runs the finalizer of an object whose count just reached zero, then destroys it unless
/// the finalizer resurrected it. A panicking finalizer still lets the object be freed; its
/// panic then reaches the caller (the code that dropped the last handle).
///
/// # Safety
/// As for [`drop_slow`]; the object has a finalizer that has not run.
#[inline(never)]
unsafe fn finalize_then_destroy(obj: Obj, finalize: unsafe fn(Obj)) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    // SAFETY: as above.
    let type_name = Some((unsafe { vtable_of(obj) }.type_name)());
    h.word.set((h.word.get() | FINALIZED) + 1);
    let mut panics = PanicSlot::default();
    // SAFETY: we hold the count just added for the call.
    panics.guard(UserCode::Finalizer, type_name, || unsafe { finalize(obj) });
    if panics.is_empty() {
        // SAFETY: our count; then live, count zero, no handle.
        if !unsafe { finish_finalizer_hold(obj) } {
            // SAFETY: as above.
            unsafe { destroy(obj) };
        }
        return;
    }
    // The finalizer panicked: free the object all the same, then hand the panic on. A
    // handle keeps the heap's state (where an unraisable hook lives) alive meanwhile.
    // SAFETY: we still hold a count, so the object and its state are live.
    let hold = unsafe { Heap::from_state(HeapState::of(obj)) };
    // SAFETY: our count.
    if !unsafe { finish_finalizer_hold(obj) } {
        // SAFETY: live, count zero, no handle.
        panics.guard(UserCode::Drop, type_name, || unsafe { destroy(obj) });
    }
    panics.resume_releasing(hold);
}

/// Drops the count held across a finalizer; `true` if the object must not be destroyed
/// now (resurrected, or torn down meanwhile and handled).
unsafe fn finish_finalizer_hold(obj: Obj) -> bool {
    // SAFETY: the caller's hold keeps it allocated.
    let h = unsafe { header(obj) };
    let word = h.word.get() - 1;
    h.word.set(word);
    if word & COUNT_MASK != 0 {
        return true; // resurrected
    }
    if word & TORN_DOWN != 0 {
        // The heap shut down during the finalizer and dropped the payload.
        // SAFETY: live block, no handle.
        unsafe { free_zombie(obj) };
        return true;
    }
    false
}

/// Untracks, clears weak references, then drops the payload and frees the block, through
/// the trashcan and the vtable's `drop_and_free` (the rare cases' path: [`destroy_with`]
/// is the common one).
///
/// # Safety
/// `obj` is live, not torn down, count zero, no handle refers to it, no finalizer due.
#[inline(never)]
unsafe fn destroy(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    let word = h.word.get();
    // SAFETY: live object.
    let state = unsafe { HeapState::raw_of(obj) };
    if word & TRACKED != 0 {
        // SAFETY: TRACKED implies a container linked in a well-formed list.
        unsafe { list::remove(links_ptr(obj)) };
        // Written back whole (see `header::word_whole`).
        h.word.set(word & !TRACKED);
        // SAFETY: live state (it outlives its blocks).
        unsafe { (*state).note_untracked(word) };
    }
    if word & HAS_WEAK != 0 {
        // SAFETY: forwarded contract.
        unsafe { destroy_with_weak_refs(state, obj) };
        return;
    }
    // SAFETY: forwarded contract.
    unsafe { drop_through_trashcan(state, obj, vtable_of(obj).drop_and_free) };
}

/// A vtable's [`Destroy`](crate::object::header::Destroy) entry, with the type's fused
/// drop-and-free `entry` (a constant where it is inlined, so that the payload's drop and
/// the block's free are direct calls or inline): untracks, then drops the payload and
/// frees the block through the trashcan. One function per payload type from the last
/// handle's drop to the allocator's free.
///
/// # Safety
/// `obj` is live, not torn down, count zero, no handle refers to it, no finalizer due, no
/// weak reference to it (`HAS_WEAK` clear); `word` is its header word; `entry` is its
/// vtable's `drop_and_free`.
#[inline(always)]
pub(crate) unsafe fn destroy_with(obj: Obj, word: usize, entry: DropAndFree) {
    // The state pointer with its allocation's provenance, as found (the thread's only heap,
    // or the block's owner tag): not re-derived from a reference, which costs two loads.
    // SAFETY: live object.
    let state = unsafe { HeapState::raw_of(obj) };
    if word & TRACKED != 0 {
        // The object's own links and flags are left as they are: it is dead (no handle, no
        // weak reference), so nothing reads them again before its block is freed, and the
        // trashcan's deferral reuses only the links' `next`. (A cleared flag stored in
        // memory would also be a one-byte store that the free's next read of the word
        // could not forward.)
        // SAFETY: TRACKED implies a container linked in a well-formed list.
        unsafe { list::unlink_dead(links_ptr(obj)) };
        // SAFETY: live state (it outlives its blocks).
        unsafe { (*state).note_untracked(word) };
    }
    // SAFETY: forwarded contract.
    unsafe { drop_through_trashcan(state, obj, entry) };
}

/// [`destroy`] for an object with weak references: they are cleared and their callbacks
/// run (nothing can reach the object now, so user code is safe), then it is dropped. A
/// panicking callback does not stop the others nor the drop; the first panic then reaches
/// the caller.
///
/// # Safety
/// As for [`destroy`]; `obj` is untracked; `state_ptr` is its heap's state (a pointer, not
/// a reference: the state may be freed before this returns).
#[cold]
unsafe fn destroy_with_weak_refs(state_ptr: *const HeapState, obj: Obj) {
    // SAFETY: the object is live, so is its state (until the drop below).
    let state = unsafe { &*state_ptr };
    let mut callbacks = Vec::new();
    // SAFETY: live object.
    unsafe { clear_weak_refs(state, obj, &mut callbacks) };
    let mut panics = PanicSlot::default();
    run_weak_callbacks(state, callbacks, &mut panics);
    if panics.is_empty() {
        // SAFETY: forwarded contract.
        unsafe { drop_through_trashcan(state_ptr, obj, vtable_of(obj).drop_and_free) };
        return;
    }
    // SAFETY: `state` is live (the object is), and stays so while this handle lives.
    let hold = unsafe { Heap::from_state(state) };
    // SAFETY: forwarded contract.
    let type_name = Some((unsafe { vtable_of(obj) }.type_name)());
    // SAFETY: forwarded contract.
    panics.guard(UserCode::Drop, type_name, || unsafe {
        drop_through_trashcan(state_ptr, obj, vtable_of(obj).drop_and_free)
    });
    panics.resume_releasing(hold);
}

/// Drops the payload and frees the block, or defers both when [`TRASH_LIMIT`] payload drops
/// are nested already. The outermost one drains what was deferred. A panicking `Drop`
/// leaves the nesting depth as it found it, and the deferred objects are still freed.
///
/// # Safety
/// As for [`destroy`]; `obj` is untracked, its weak references cleared; `state_ptr` is its
/// heap's state (may be freed before this returns: see [`outermost_nesting_ends`]);
/// `entry` is its vtable's `drop_and_free`.
#[inline(always)]
unsafe fn drop_through_trashcan(state_ptr: *const HeapState, obj: Obj, entry: DropAndFree) {
    // SAFETY: live until the nesting ends (only the outermost level's end may free it).
    let state = unsafe { &*state_ptr };
    let trash = state.trash.get();
    // The depth is at the limit, whatever the work bit says: one compare.
    if trash >= TRASH_LIMIT * TRASH_STEP {
        defer(state, obj);
        return;
    }
    state.trash.set(trash + TRASH_STEP);
    let nesting = Nesting { state: state_ptr };
    // SAFETY: forwarded contract; the state outlives this (the depth is above zero).
    unsafe { entry(erase_state(state), obj) };
    drop(nesting);
}

/// One level of payload-drop nesting; when it ends (normally or by a panic) the depth goes
/// down by one, and the outermost level drains the deferred objects and frees a shut-down
/// heap's state once its last block is gone. Holds no depth of its own: the state's word
/// is read again, so the free path keeps one register less across the payload's drop.
struct Nesting {
    state: *const HeapState,
}

impl Drop for Nesting {
    #[inline(always)]
    fn drop(&mut self) {
        let ptr = self.state;
        // SAFETY: the state lives at least until the outermost nesting ends.
        let state = unsafe { &*ptr };
        let trash = state.trash.get() - TRASH_STEP;
        state.trash.set(trash);
        // The outermost level ended (depth zero) with work to do (idle bit clear): the
        // decrement's own flags.
        if trash == 0 {
            // SAFETY: `ptr` is live; `state` is not used after this.
            unsafe { outermost_nesting_ends(ptr) };
        }
    }
}

/// The outermost payload drop ends with deferred objects to drain, or in a heap that was
/// shut down: drains them (a panicking `Drop` there does not stop the others; the first
/// panic then reaches the caller), and frees the heap's state if nothing needs it any more.
///
/// # Safety
/// `state_ptr` is a live state; it may be freed by this call.
#[cold]
#[inline(never)]
unsafe fn outermost_nesting_ends(state_ptr: *const HeapState) {
    // SAFETY: forwarded contract; not used after the state may be freed.
    let state = unsafe { &*state_ptr };
    debug_assert!(state.trash.get() == 0);
    // The deferred objects are dropped at depth 1, so their own deep drops defer again.
    state.trash.set(state.trash.get() + TRASH_STEP);
    let mut panics = PanicSlot::default();
    drain_deferred(state, &mut panics);
    state.trash.set(state.trash.get() - TRASH_STEP);
    let first = if panics.is_empty() {
        None
    } else {
        panics.into_resumable(state)
    };
    if state.shut_down.get() {
        // SAFETY: `state` is not used after this.
        unsafe { HeapState::release_if_unused(state_ptr) };
    }
    if let Some(payload) = first {
        resume_unwind(payload);
    }
}

/// Defers a dead object (untracked, weak refs cleared, count zero): nobody else can reach
/// it, so a container's links are free to chain it. Out of line: rare (deep drops only).
#[cold]
#[inline(never)]
fn defer(state: &HeapState, obj: Obj) {
    // SAFETY: dead object, exclusively ours.
    if has_flag(unsafe { header(obj) }, CONTAINER) {
        // SAFETY: a container has links; they are unlinked, so ours to reuse.
        let l = unsafe { links_ptr(obj) };
        // SAFETY: as above.
        unsafe { (*l).next.set(state.trash_chain.get()) };
        state.trash_chain.set(l);
    } else {
        state.trash_plain.borrow_mut().push(obj);
    }
    state.set_trash_count(state.trash_count.get() + 1);
}

/// The next deferred object, if any.
fn pop_deferred(state: &HeapState) -> Option<Obj> {
    let top = state.trash_chain.get();
    if !top.is_null() {
        // SAFETY: chained links belong to deferred (live, dead) containers.
        state.trash_chain.set(unsafe { (*top).next.get() });
        // SAFETY: as above.
        return Some(unsafe { obj_of_links(top) });
    }
    state.trash_plain.borrow_mut().pop()
}

/// Drops every deferred object (running at depth 1, so their own deep drops defer again).
/// A panicking `Drop` is kept and the draining goes on.
fn drain_deferred(state: &HeapState, panics: &mut PanicSlot) {
    while let Some(obj) = pop_deferred(state) {
        state.set_trash_count(state.trash_count.get() - 1);
        // SAFETY: live object (deferred objects are dead, not freed yet).
        let type_name = Some((unsafe { vtable_of(obj) }.type_name)());
        // SAFETY: deferred objects are dead and exclusively owned by the trashcan.
        panics.guard(UserCode::Drop, type_name, || unsafe {
            drop_and_free(state, obj)
        });
    }
}

/// Drops the payload and frees the block, through the vtable's fused entry.
///
/// # Safety
/// `obj` is live, untracked, dead (no handle), payload not dropped yet, weak references
/// cleared.
#[inline(always)]
unsafe fn drop_and_free(state: &HeapState, obj: Obj) {
    // SAFETY: forwarded contract.
    let entry = unsafe { vtable_of(obj) }.drop_and_free;
    // SAFETY: forwarded contract; the state is `obj`'s heap's, erased by pointer cast.
    unsafe { entry(erase_state(state), obj) }
}

/// A state pointer as a vtable's [`DropAndFree`](crate::object::header::DropAndFree) takes
/// it.
#[inline(always)]
pub(crate) fn erase_state(state: &HeapState) -> NonNull<ErasedHeapState> {
    NonNull::from(state).cast()
}

/// The state behind a pointer [`erase_state`] made.
///
/// # Safety
/// `state` came from [`erase_state`] and the state is still live for `'a`.
#[inline(always)]
pub(crate) unsafe fn unerase_state<'a>(state: NonNull<ErasedHeapState>) -> &'a HeapState {
    // SAFETY: forwarded contract.
    unsafe { state.cast::<HeapState>().as_ref() }
}

/// The fused drop-and-free of payloads whose block layout is found at run time (slices,
/// payloads that may have a tail): the vtable's `drop_payload`, then [`free_block`].
///
/// # Safety
/// As for any [`DropAndFree`](crate::object::header::DropAndFree).
pub(crate) unsafe fn drop_then_free_block(state: NonNull<ErasedHeapState>, obj: Obj) {
    /// Frees the block when the payload's drop is over, even if it panicked (the drop glue
    /// still drops every field then).
    struct FreeOnDrop(NonNull<ErasedHeapState>, Obj);
    impl Drop for FreeOnDrop {
        #[inline(always)]
        fn drop(&mut self) {
            // SAFETY: the payload has been dropped and nothing refers to the block.
            unsafe { free_block_by_layout(self.0, self.1) };
        }
    }
    let free = FreeOnDrop(state, obj);
    // SAFETY: forwarded contract: the payload is live and dropped exactly once, here.
    unsafe { (vtable_of(obj).drop_payload)(obj) };
    drop(free);
}

/// The destroy entry of payloads whose block layout is found at run time (slices), with
/// [`drop_then_free_block`].
///
/// # Safety
/// As for any [`Destroy`](crate::object::header::Destroy).
pub(crate) unsafe fn destroy_by_layout(obj: Obj, word: usize) {
    // SAFETY: forwarded contract; the entry is the vtable's `drop_and_free` of such types.
    unsafe { destroy_with(obj, word, drop_then_free_block) }
}

/// A vtable's [`TeardownStep`](crate::object::header::TeardownStep), given its type's
/// payload drop and the block free of an object of its type (both direct calls, inlined).
///
/// # Safety
/// As for any `TeardownStep`; `drop` drops the payload of an object of the entry's type,
/// `free_same` frees the block (links included) of one whose payload was dropped.
#[inline(always)]
pub(crate) unsafe fn teardown_step_with(
    state: NonNull<ErasedHeapState>,
    obj: Obj,
    previous: Option<Obj>,
    drop: unsafe fn(Obj),
    free_same: FreeBlock,
) {
    // SAFETY: forwarded contract: the payload is live and dropped exactly once, here.
    unsafe { drop(obj) };
    let Some(previous) = previous else { return };
    // SAFETY: forwarded contract (the hold is the caller's).
    let Some(word) = (unsafe { release_hold_last_word(previous) }) else {
        return;
    };
    // Asked only of a block to free, from the word just stored (the same type index as
    // before the release) and `obj`'s (its header outlives its payload: its own hold).
    // SAFETY: both blocks are allocated; the words are their header words.
    let same = unsafe { same_vtable(previous, word, obj, header(obj).word.get()) };
    // SAFETY: torn down and no handle left; with the same vtable, allocated as an object of
    // the entry's type (two types whose vtables were merged have the same layouts).
    unsafe {
        if same {
            free_same(state, previous);
        } else {
            (vtable_with(previous, word).free_block)(state, previous);
        }
    }
}

/// Releases the collector's hold on a torn-down member of the garbage (see
/// `collector::teardown`); frees its block when no handle is left (otherwise it stays a
/// zombie until its last handle goes, see [`free_zombie`]).
///
/// # Safety
/// `obj` is torn down (payload dropped), untracked, and the caller owns its hold.
#[inline(always)]
pub(crate) unsafe fn release_teardown_hold(state: &HeapState, obj: Obj) {
    // SAFETY: forwarded contract.
    if unsafe { release_hold_is_last(obj) } {
        // SAFETY: torn down and no handle left.
        unsafe { free_block(state, obj) };
    }
}

/// Gives back the teardown's hold on `obj`: whether no handle is left (its block is then
/// the caller's to free).
///
/// # Safety
/// As for [`release_teardown_hold`].
#[inline(always)]
unsafe fn release_hold_is_last(obj: Obj) -> bool {
    // SAFETY: forwarded contract.
    unsafe { release_hold_last_word(obj) }.is_some()
}

/// [`release_hold_is_last`], with the header word it stored when no handle is left.
///
/// # Safety
/// As for [`release_teardown_hold`].
#[inline(always)]
unsafe fn release_hold_last_word(obj: Obj) -> Option<usize> {
    // SAFETY: the hold keeps the block allocated.
    let h = unsafe { header(obj) };
    let word = h.word.get() - 1;
    h.word.set(word);
    (word & COUNT_MASK == 0).then_some(word)
}

/// Frees a zombie's block when its last handle is dropped. Out of line, like the other
/// cases of [`drop_slow`], which then needs no stack frame of its own.
///
/// # Safety
/// `obj` is a torn-down object (untracked, payload dropped) with no handle left.
#[inline(never)]
unsafe fn free_zombie(obj: Obj) {
    // SAFETY: live block.
    let state = unsafe { HeapState::raw_of(obj) };
    // SAFETY: state outlives its blocks.
    unsafe { free_block(&*state, obj) };
    // SAFETY: not used after this.
    unsafe { HeapState::release_if_unused(state) };
}

/// Returns an object's block to the allocator, through its vtable's entry.
///
/// # Safety
/// `obj`'s payload has been dropped and nothing refers to the block any more.
#[inline(always)]
pub(crate) unsafe fn free_block(state: &HeapState, obj: Obj) {
    // SAFETY: still readable.
    let entry = unsafe { vtable_of(obj) }.free_block;
    // SAFETY: forwarded contract; the state is `obj`'s heap's.
    unsafe { entry(erase_state(state), obj) };
}

/// The vtable's [`FreeBlock`](crate::object::header::FreeBlock) entry for blocks whose
/// layout is found at run time (slices, payloads that may have a tail).
///
/// # Safety
/// As for any [`FreeBlock`](crate::object::header::FreeBlock).
pub(crate) unsafe fn free_block_by_layout(state: NonNull<ErasedHeapState>, obj: Obj) {
    // SAFETY: allocated, payload dropped.
    let (block, layout) = unsafe { freed_block_of(obj) };
    // SAFETY: still readable.
    let container = has_flag(unsafe { header(obj) }, CONTAINER);
    // SAFETY: forwarded contract; the block, layout and links are `obj`'s.
    unsafe { free_known_block(unerase_state(state), container, block, layout) };
}

/// [`free_block`] with the block's start and layout, and whether it has links, given
/// (constants for a sized payload).
///
/// # Safety
/// As for [`free_block`] on the object whose block this is; `block`, `layout` and
/// `container` are what it was allocated with.
#[inline(always)]
pub(crate) unsafe fn free_known_block(
    state: &HeapState,
    container: bool,
    block: NonNull<u8>,
    layout: Layout,
) {
    if container {
        state.note_young_free();
    }
    // SAFETY: allocated by this heap with this layout, freed once.
    unsafe { state.alloc.dealloc(block, layout) };
    state.live_blocks.set(state.live_blocks.get() - 1);
}

/// Releases the collector's hold on a torn-down object (see `teardown`).
///
/// # Safety
/// The caller owns one count of the live object.
pub(crate) unsafe fn release_hold(obj: Obj) {
    // SAFETY: forwarded contract.
    unsafe { release(obj) }
}
