//! The resurrection check: CPython's `deduce_unreachable` run on the unreachable set after
//! finalizers ran (PEP 442). It keeps the counts intact and works on a scratch copy in the
//! links' `prev` field, so it is exact whatever user code did meanwhile.
//!
//! 1. `update_refs`: every object of the set is flagged COLLECTING and its `prev` field
//!    holds `gc_refs` = its strong count. The `prev` pointers of the set are invalid from
//!    here until `move_unreachable` ends; no user code runs in between.
//! 2. `subtract_refs`: `gc_refs` = strong count - references from inside the set. An object
//!    whose children could not all be read (busy `RefCell`) gets a huge `gc_refs`, so it is
//!    a root; the children it could not show keep their counts, so they are roots too.
//! 3. `move_unreachable`: objects with `gc_refs > 0` are roots. Afterwards the set's list
//!    holds exactly the objects reachable from a root (flags cleared, `prev` pointers
//!    restored) and `unreachable` the rest (flags cleared by `clear_collecting_flags`). The
//!    scan is the list itself: no recursion, no allocation.

use crate::header::{header, links, obj_of_links, Links, COLLECTING, COUNT_MASK, UNREACHABLE};
use crate::list;
use crate::trace::{Mode, Tracer};

/// `gc_refs` of an object whose children could not all be read: it must stay a root even
/// after every reference from the set is subtracted.
const BUSY_REFS: usize = usize::MAX / 2;

/// Steps 1-3 on `set`: what stays in `set` is reachable from outside it, the rest moves to
/// `unreachable`. Both lists end well formed, with their collector flags cleared.
pub(crate) fn recheck_unreachable(set: &Links, unreachable: &Links) {
    update_refs(set);
    subtract_refs(set);
    move_unreachable(set, unreachable);
    clear_collecting_flags(unreachable);
}

/// Step 1: `gc_refs` = strong count, COLLECTING set.
fn update_refs(young: &Links) {
    list::for_each(young, |obj| {
        // SAFETY: list members are live containers.
        let (h, l) = unsafe { (header(obj), links(obj)) };
        let word = h.word.get();
        l.set_refs(word & COUNT_MASK);
        h.word.set(word | COLLECTING);
    });
}

/// Step 2: subtract references from inside the set.
fn subtract_refs(young: &Links) {
    let mut tracer = Tracer::new(Mode::RecheckSubtract);
    // Only `next` pointers are walked: `prev` holds gc_refs now.
    list::for_each(young, |obj| {
        tracer.busy = false;
        // SAFETY: live container; tracing only reads the payload.
        unsafe { (header(obj).vtable.trace)(obj, &mut tracer) };
        if tracer.busy {
            // SAFETY: live container.
            unsafe { links(obj) }.set_refs(BUSY_REFS);
        }
    });
}

/// Step 3 (CPython's `move_unreachable`, with the UNREACHABLE mark in the header word).
fn move_unreachable(young: &Links, unreachable: &Links) {
    let mut prev: *const Links = young;
    let mut node = young.next.get();
    while !std::ptr::eq(node, young) {
        // SAFETY: `node` is a member of `young`.
        let obj = unsafe { obj_of_links(node) };
        // SAFETY: live container.
        let (h, l) = unsafe { (header(obj), &*node) };
        if l.refs() > 0 {
            let mut tracer = Tracer::new(Mode::RecheckReach { young });
            // SAFETY: live container; tracing only reads the payload.
            unsafe { (h.vtable.trace)(obj, &mut tracer) };
            l.prev.set(prev);
            h.word.set(h.word.get() & !COLLECTING);
            prev = node;
        } else {
            // Tentatively unreachable: unlink (singly: `prev` fields are scratch here).
            // SAFETY: `prev` is the head or an already scanned member.
            unsafe { (*prev).next.set(l.next.get()) };
            // SAFETY: `node` is a live container's links, now in no list.
            unsafe { list::append(node, unreachable) };
            h.word.set(h.word.get() | UNREACHABLE);
        }
        // SAFETY: `prev` is live; its `next` is the following unscanned node.
        node = unsafe { (*prev).next.get() };
    }
    young.prev.set(prev);
}

fn clear_collecting_flags(list_head: &Links) {
    list::for_each(list_head, |obj| {
        // SAFETY: live container.
        let h = unsafe { header(obj) };
        h.word.set(h.word.get() & !(COLLECTING | UNREACHABLE));
    });
}
