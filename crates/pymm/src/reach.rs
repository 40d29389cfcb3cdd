//! CPython's `deduce_unreachable` on scratch counts, shared by a collection and by the
//! resurrection check (`recheck`).
//!
//! A member of the set under examination is flagged COLLECTING and its scratch count
//! `gc_refs` lives in its links' `next` field; the strong count in the header is never
//! changed, so no pass is needed to put counts back. From the first scratch write until
//! `move_unreachable` ends, the `next` fields of the set are invalid (the set is walked
//! through `prev`, last to first) and no user code runs.
//!
//! 1. `subtract_refs`: every member is flagged COLLECTING with `gc_refs` = strong count -
//!    references from members. For a collection, membership is the generation tag
//!    (tracked, tag `<= gen`) and a member's first touch, as a child or by the walk,
//!    initialises its scratch count: CPython's `update_refs` pass folded into this one.
//!    The recheck flags its list first (`recheck::update_refs`). An object whose children
//!    could not all be read (busy `RefCell`) gets [`BUSY_REFS`], a root; the children it
//!    could not show keep their counts, so they are roots too. A `Trace` impl visiting a
//!    handle too often makes a count wrap to a huge value: a root, the safe side.
//! 2. `move_unreachable`: members with `gc_refs > 0` are roots. Afterwards `young` holds
//!    exactly the members reachable from a root (COLLECTING cleared, `next` pointers
//!    restored, generation tag set to the survivors' generation), and `unreachable`, a well
//!    formed list, the rest in their order in `young`, flagged COLLECTING | UNREACHABLE
//!    and, if asked, already marked for the teardown (TORN_DOWN, held +1: see
//!    [`mark_unreachable`]). The scan is the list itself: an object found reachable after
//!    it was moved out is brought back next to the object being scanned, so it is scanned
//!    next (a depth-first order that keeps the scan near memory it just touched). No
//!    recursion, no allocation.
//!
//! The walk goes from the youngest object to the oldest (CPython goes the other way): an
//! object can only be built from objects that exist already, so parents tend to be younger
//! than their children, and a parent scanned first makes its children reachable before
//! the walk reaches them, instead of moving them out and back (a chain built from its tail
//! costs no move at all this way, and two per link the other way). Objects filled after
//! they were made (a list appended to) cost the moves instead.

use crate::header::{
    header, links, obj_of_links, with_gen, Links, COLLECTING, COUNT_MASK, HAS_WEAK, TORN_DOWN,
    UNREACHABLE,
};
use crate::list;
use crate::trace::{Mode, Tracer};

/// `gc_refs` of an object whose children could not all be read: it must stay a root even
/// after every reference from the set is subtracted.
pub(crate) const BUSY_REFS: usize = usize::MAX / 2;

/// Step 1 for a collection of generation `gen`: `young` holds the whole set.
pub(crate) fn subtract_refs(young: &Links, gen: usize) {
    let mut tracer = Tracer::new(Mode::Subtract { gen });
    list::for_each_rev(young, |obj| {
        // SAFETY: list members are live containers.
        let (h, l) = unsafe { (header(obj), links(obj)) };
        let word = h.word.get();
        if word & COLLECTING == 0 {
            h.word.set(word | COLLECTING);
            l.set_refs(word & COUNT_MASK);
        }
        trace_subtracting(obj, &mut tracer);
    });
    tracer.flush(young);
}

/// Step 1 for the resurrection check: every member is flagged COLLECTING already.
pub(crate) fn subtract_refs_flagged(set: &Links) {
    let mut tracer = Tracer::new(Mode::RecheckSubtract);
    list::for_each_rev(set, |obj| trace_subtracting(obj, &mut tracer));
}

/// Traces one member for `subtract_refs`; a busy member becomes a root.
#[inline(always)]
fn trace_subtracting(obj: crate::header::Obj, tracer: &mut Tracer<'_>) {
    tracer.busy = false;
    // SAFETY: live container; tracing only reads the payload.
    unsafe { (header(obj).vtable.trace)(obj, tracer) };
    if tracer.busy {
        // SAFETY: live container.
        unsafe { links(obj) }.set_refs(BUSY_REFS);
    }
}

/// What `move_unreachable` saw.
pub(crate) struct Scan {
    /// Objects left in `young` (reachable).
    pub(crate) reachable: usize,
    /// Whether an object with a finalizer was (at least tentatively) unreachable.
    pub(crate) may_finalize: bool,
    /// Whether an object with weak references was (at least tentatively) unreachable.
    pub(crate) has_weak: bool,
}

/// Step 2. Survivors get generation tag `survivor_gen`; with `mark`, the unreachable ones
/// are marked for the teardown as they are moved out (and unmarked if brought back).
pub(crate) fn move_unreachable(
    young: &Links,
    unreachable: &Links,
    survivor_gen: usize,
    mark: bool,
) -> Scan {
    let mut scan = Scan {
        reachable: 0,
        may_finalize: false,
        has_weak: false,
    };
    let mut tracer = Tracer::new(Mode::Reach { cursor: young });
    // The last object scanned (or the head): the walk's previous step, `node`'s successor.
    let mut next: *const Links = young;
    loop {
        // SAFETY: `next` is live; its `prev` is the following unscanned node (or the head).
        let node = unsafe { (*next).prev.get() };
        let at_end = std::ptr::eq(node, young);
        // SAFETY: a member's links (not read for the head).
        if (at_end || unsafe { (*node).refs() } == 0) && tracer.has_pending() {
            // A deferred child may be this object, or bring objects back: handle them all
            // before deciding (they go right after `next`, where the walk resumes).
            tracer.flush(next);
            continue;
        }
        if at_end {
            break;
        }
        // SAFETY: `node` is a member of `young`, a live container.
        let obj = unsafe { obj_of_links(node) };
        // SAFETY: as above.
        let (h, l) = unsafe { (header(obj), &*node) };
        if l.refs() > 0 {
            tracer.set_cursor(node);
            // SAFETY: live container; tracing only reads the payload.
            unsafe { (h.vtable.trace)(obj, &mut tracer) };
            l.next.set(next);
            // Cleared COLLECTING: scanned, children that point back here are left alone.
            h.word
                .set(with_gen(h.word.get() & !COLLECTING, survivor_gen));
            scan.reachable += 1;
            next = node;
        } else {
            // Tentatively unreachable: unlink (singly: `next` fields are scratch here), and
            // prepend, so that `unreachable` keeps the order of `young`.
            // SAFETY: `next` is the head or an already scanned member.
            unsafe { (*next).prev.set(l.prev.get()) };
            // SAFETY: `node` is a live container's links, now in no list.
            unsafe { list::prepend(node, unreachable) };
            let word = h.word.get();
            h.word.set(if mark {
                mark_unreachable(word)
            } else {
                word | UNREACHABLE
            });
            scan.may_finalize |= h.vtable.finalize.is_some();
            scan.has_weak |= word & HAS_WEAK != 0;
        }
    }
    young.next.set(next);
    scan
}

/// The header word of an object moved to the unreachable list and marked for the
/// teardown: TORN_DOWN (a dereference panics from now on) and held by the collector (+1),
/// so that no `Drop` impl run by the teardown can free it before its own turn.
#[inline(always)]
pub(crate) fn mark_unreachable(word: usize) -> usize {
    (word | UNREACHABLE | TORN_DOWN) + 1
}

/// Undoes [`mark_unreachable`] (or a plain UNREACHABLE flag) on an object found reachable
/// after all. Only objects marked by this scan are TORN_DOWN among the set's members: a
/// torn-down object is never tracked.
#[inline(always)]
pub(crate) fn unmark_unreachable(word: usize) -> usize {
    let held = usize::from(word & TORN_DOWN != 0);
    (word & !(UNREACHABLE | TORN_DOWN)) - held
}

/// Clears the collector's flags and marks of every object of `list` (the unreachable list
/// of a scan), so that user code may run: counts are exact again.
pub(crate) fn clear_marks(list_head: &Links) {
    list::for_each(list_head, |obj| {
        // SAFETY: live container.
        let h = unsafe { header(obj) };
        h.word.set(unmark_unreachable(h.word.get()) & !COLLECTING);
    });
}
