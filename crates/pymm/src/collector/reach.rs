//! CPython's `deduce_unreachable` on scratch counts, shared by a collection and by the
//! resurrection check (`recheck`).
//!
//! A member of the set under examination is flagged COLLECTING and its scratch count
//! `gc_refs` lives in its links' back link (the one the walk does not follow, see `walk`);
//! the strong count in the header is never changed, so no pass is needed to put counts
//! back. From the first scratch write until `move_unreachable` ends, the back links of the
//! set are invalid (only step links are followed) and no user code runs.
//!
//! 1. `subtract_refs`: every member is flagged COLLECTING with `gc_refs` = strong count -
//!    references from members. For a collection, membership is the list id in the
//!    header word (tracked, id at least the set's lowest, see `gen_ids`); references are taken off a member's back link before the
//!    walk reaches it too, and the walk, which knows what that link pointed at, turns the
//!    difference into `gc_refs` (see [`subtract_refs`]): CPython's `update_refs` pass
//!    folded into this one, with no branch on whether a child was reached already.
//!    The recheck flags its list first (`recheck::update_refs`). An object whose children
//!    could not all be read (busy `RefCell`) gets [`BUSY_REFS`], a root; the children it
//!    could not show keep their counts, so they are roots too. A `Trace` impl visiting a
//!    handle too often makes a count wrap to a huge value: a root, the safe side.
//! 2. `move_unreachable`: members with `gc_refs > 0` are roots; a member found reachable
//!    before the walk reaches it is flagged REACHED (in the header, which its visit reads
//!    anyway, rather than in its scratch count). Afterwards `young` holds
//!    exactly the members reachable from a root (COLLECTING cleared, back links restored,
//!    list ids kept: the collection maps them to the survivors' generation), and `unreachable`, a well formed
//!    list, the rest in their order in `young`, flagged COLLECTING | UNREACHABLE and, if
//!    asked, already marked for the teardown (TORN_DOWN, held +1: see
//!    [`mark_unreachable`]). The scan is the list itself: an object found reachable after
//!    it was moved out is brought back next to the object being scanned, so it is scanned
//!    next (a depth-first order that keeps the scan near memory it just touched). No
//!    recursion, no allocation. Children are handled through a prefetching pipeline
//!    (`pipeline`): the walk drains it before it declares an object unreachable.

use crate::collector::pipeline::prefetch_two_ahead;
use crate::collector::visit::Reach;
use crate::collector::visitor::{Mode, Visitor};
use crate::heap::HeapState;
use crate::object::header::{
    finalizer_due, header, links, obj_of_links, vtable_of, vtable_with, Links, Obj, VTable, ARMED,
    COLLECTING, COUNT_MASK, FINALIZABLE, HAS_WEAK, REACHED, TORN_DOWN, UNREACHABLE,
};
use crate::object::list;
use crate::object::walk::Walk;

/// `gc_refs` of an object whose children could not all be read: it must stay a root even
/// after every reference from the set is subtracted.
pub(crate) const BUSY_REFS: usize = usize::MAX / 2;

/// Step 1 for a collection whose set is the tracked containers with a list id at least
/// `bound`'s (`gen_ids::GenIds::bound`): `young` holds the whole set.
///
/// Children are subtracted from the back link whether or not the walk has reached them
/// (`visit::subtract_in_set`). Until it does, a member's back link is a pointer to the
/// member walked just before it (a well formed list, whose step links nothing changes
/// here), lowered by one per reference from the set seen so far; when the walk gets there
/// it knows that pointer (`behind`), so the difference is exactly those references, and
/// the back link becomes `gc_refs` = strong count - references so far, which later
/// references keep lowering by the same subtraction.
///
/// Returns what the members' edges were (see `unchanged`).
pub(crate) fn subtract_refs(
    state: &HeapState,
    young: &Links,
    bound: usize,
    walk: Walk,
) -> SetEdges {
    let mut tracer = Visitor::for_collection(Mode::Subtract { bound, walk }, state);
    let mut behind: *const Links = young;
    let mut edges = SetEdges::ALL;
    walk.for_each(young, |obj| {
        // SAFETY: list members are live containers; `behind` is the one walked before.
        edges = edges.and(unsafe { subtract_member(obj, behind, &mut tracer, walk) });
        // SAFETY: as above.
        behind = unsafe { links(obj) };
    });
    tracer.flush(young);
    tracer.end_pass();
    edges
}

/// One member of [`subtract_refs`]'s walk (also `suspects`' walk of a closure it gathers
/// as it goes): its references from the set seen so far turned into `gc_refs`, flagged
/// COLLECTING (and ARMED), its children subtracted by `tracer`. Returns what its edges are
/// (returned, not or-ed into the caller's: kept in registers across the walk).
///
/// # Safety
/// `obj` is a member of the set the walk is at; `behind` is the node walked before it (or
/// the list's head), and its back link has not been changed since but by subtractions.
#[inline(always)]
pub(crate) unsafe fn subtract_member(
    obj: Obj,
    behind: *const Links,
    tracer: &mut Visitor<'_>,
    walk: Walk,
) -> SetEdges {
    // SAFETY: forwarded contract: a live container.
    let (h, l) = unsafe { (header(obj), links(obj)) };
    let word = h.word.get();
    // From the word just read (compact types): no second load of the header.
    // SAFETY: forwarded contract; `word` is its header word.
    let vtable = unsafe { vtable_with(obj, word) };
    let seen = behind.addr().wrapping_sub(walk.refs(l));
    walk.set_refs(l, (word & COUNT_MASK).wrapping_sub(seen));
    // Armed again if its edges are seen (see `unchanged`): in the store made anyway.
    h.word
        .set(word | COLLECTING | (ARMED * usize::from(vtable.seen_edges)));
    trace_subtracting(obj, vtable, tracer, walk);
    SetEdges {
        all_fixed: vtable.fixed_edges,
        all_seen: vtable.seen_edges,
    }
}

/// What [`subtract_refs`] learnt of the edges of a collection's set.
#[derive(Clone, Copy)]
pub(crate) struct SetEdges {
    /// Every member's type has `Trace::FIXED_EDGES`.
    pub(crate) all_fixed: bool,
    /// Every member's type has seen edges (`VTable::seen_edges`): all are armed now.
    pub(crate) all_seen: bool,
}

impl SetEdges {
    /// What an empty set has: every member fixed and seen.
    pub(crate) const ALL: SetEdges = SetEdges {
        all_fixed: true,
        all_seen: true,
    };

    /// What a set made of two has.
    #[inline(always)]
    pub(crate) fn and(self, other: SetEdges) -> SetEdges {
        SetEdges {
            all_fixed: self.all_fixed & other.all_fixed,
            all_seen: self.all_seen & other.all_seen,
        }
    }
}

/// Step 1 for the resurrection check: every member is flagged COLLECTING already.
pub(crate) fn subtract_refs_flagged(state: &HeapState, set: &Links, walk: Walk) {
    let mut tracer = Visitor::for_collection(Mode::RecheckSubtract { walk }, state);
    walk.for_each(set, |obj| {
        // SAFETY: list members are live containers.
        let vtable = unsafe { vtable_of(obj) };
        trace_subtracting(obj, vtable, &mut tracer, walk);
    });
    tracer.end_pass();
}

/// Traces one member for `subtract_refs`; a busy member becomes a root.
#[inline(always)]
fn trace_subtracting(obj: Obj, vtable: &VTable, tracer: &mut Visitor<'_>, walk: Walk) {
    tracer.busy = false;
    tracer.tracing = Some(obj);
    // SAFETY: live container whose vtable this is; tracing only reads the payload.
    unsafe { (vtable.trace)(obj, tracer.erased()) };
    if tracer.busy {
        // SAFETY: live container.
        walk.set_refs(unsafe { links(obj) }, BUSY_REFS);
    }
}

/// What `move_unreachable` saw.
pub(crate) struct Scan {
    /// Objects left in `young` (reachable).
    pub(crate) reachable: usize,
    /// Objects moved out and brought back (the cost of the walk's direction).
    pub(crate) brought_back: usize,
    /// Whether an unreachable object's finalizer is due.
    pub(crate) may_finalize: bool,
    /// Whether an object with weak references was (at least tentatively) unreachable.
    pub(crate) has_weak: bool,
}

/// The header words of the objects `move_unreachable` moved out, or-ed together (before
/// their marks): one `or` per object, the questions asked of the whole set at the end
/// (see [`Moved::finish`]).
#[derive(Clone, Copy, Default)]
struct Moved {
    words: usize,
}

impl Moved {
    /// `may_finalize` and `has_weak` of the scan whose unreachable list is `unreachable`.
    /// A finalizable object was moved out: whether some object left unreachable has its
    /// finalizer still due is then asked of each (a walk of the list, only when a
    /// finalizable object is among the garbage, whose finalizers cost more anyway).
    fn finish(self, unreachable: &Links, scan: &mut Scan) {
        scan.has_weak = self.words & HAS_WEAK != 0;
        scan.may_finalize = self.words & FINALIZABLE != 0 && {
            let mut due = false;
            list::for_each(unreachable, |obj| {
                // SAFETY: list members are live containers.
                due |= finalizer_due(unsafe { header(obj) }.word.get());
            });
            due
        };
    }
}

/// What `move_unreachable` does with what it finds.
pub(crate) struct Sorting<'a> {
    /// The heap being collected.
    pub(crate) state: &'a HeapState,
    pub(crate) unreachable: &'a Links,
    /// Whether unreachable objects are marked for the teardown as they are moved out.
    pub(crate) mark: bool,
    pub(crate) walk: Walk,
}

/// Step 2. Survivors keep their list id (the collection then maps it to the generation
/// they join, see `gen_ids`); with `mark`, the unreachable ones
/// are marked for the teardown as they are moved out (and unmarked if brought back).
pub(crate) fn move_unreachable(young: &Links, sorting: &Sorting<'_>) -> Scan {
    match sorting.walk {
        Walk::YoungestFirst => move_unreachable_walking::<true, false>(young, sorting),
        Walk::OldestFirst => move_unreachable_walking::<false, false>(young, sorting),
    }
}

/// [`move_unreachable`] over the closure of a collection's suspects (`suspects`), whose
/// members are in the order the gather met them, scattered in memory: each scanned member
/// has the CPU fetch the one two steps ahead (`pipeline::prefetch_two_ahead`). A whole
/// generation is walked in allocation order, which the CPU's own prefetcher follows: there
/// the hint only cost (large_linked_lists, BENCHMARKS.md).
pub(crate) fn move_unreachable_closure(young: &Links, sorting: &Sorting<'_>) -> Scan {
    match sorting.walk {
        Walk::YoungestFirst => move_unreachable_walking::<true, true>(young, sorting),
        Walk::OldestFirst => move_unreachable_walking::<false, true>(young, sorting),
    }
}

/// [`move_unreachable`] with the walk's direction a constant, so that the loop reads no
/// direction per object and its link offsets are fixed; `PREFETCH`: see
/// [`move_unreachable_closure`].
fn move_unreachable_walking<const YOUNGEST_FIRST: bool, const PREFETCH: bool>(
    young: &Links,
    sorting: &Sorting<'_>,
) -> Scan {
    let walk = if YOUNGEST_FIRST {
        Walk::YoungestFirst
    } else {
        Walk::OldestFirst
    };
    let mut scan = Scan {
        reachable: 0,
        brought_back: 0,
        may_finalize: false,
        has_weak: false,
    };
    let mut moved = Moved::default();
    let mut tracer = Visitor::for_collection(Mode::Reach(Reach::new(young, walk)), sorting.state);
    // The last object scanned (or the head): where the walk came from.
    let mut behind: *const Links = young;
    loop {
        // SAFETY: `behind` is live; its step link is the following unscanned node.
        let node = walk.step(unsafe { &*behind }).get();
        let at_end = std::ptr::eq(node, young);
        // SAFETY: a member (not read for the head).
        if (at_end || !unsafe { is_reachable(node, walk) }) && tracer.has_pending() {
            // A deferred child may be this object, or bring objects back: handle them all
            // before deciding (they go right after `behind`, where the walk resumes).
            tracer.flush(behind);
            continue;
        }
        if at_end {
            break;
        }
        // SAFETY: `node` is a member of `young`, a live container.
        if unsafe { is_reachable(node, walk) } {
            if PREFETCH {
                // SAFETY: `node` and the node after it belong to `young` (a member or its
                // head).
                unsafe { prefetch_two_ahead(walk, node) };
            }
            // SAFETY: as above; `behind` is the node the walk came from.
            unsafe { scan_reachable(node, behind, &mut tracer, walk) };
            scan.reachable += 1;
            behind = node;
        } else {
            // SAFETY: as above.
            unsafe { move_out(node, behind, sorting, walk, &mut moved) };
        }
    }
    walk.back(young).set(behind);
    moved.finish(sorting.unreachable, &mut scan);
    scan.brought_back = tracer.reach_state().map_or(0, |reach| reach.brought_back);
    tracer.end_pass();
    scan
}

/// Whether a member of `young` is known reachable: a root (`gc_refs > 0`) or REACHED.
///
/// # Safety
/// `node` is a member of `young`, a live container.
#[inline(always)]
unsafe fn is_reachable(node: *const Links, walk: Walk) -> bool {
    // SAFETY: forwarded contract.
    let word = unsafe { header(obj_of_links(node)) }.word.get();
    // SAFETY: as above.
    // Both read, no short cut: one unpredictable branch (the caller's) instead of two.
    (word & REACHED != 0) | (walk.refs(unsafe { &*node }) > 0)
}

/// Scans a reachable member: its children become reachable, its back link is restored, its
/// flags cleared (children that point back here are left alone).
///
/// # Safety
/// `node` is a member of `young` known reachable, the next step of `walk` after `behind`.
#[inline(always)]
unsafe fn scan_reachable(
    node: *const Links,
    behind: *const Links,
    tracer: &mut Visitor<'_>,
    walk: Walk,
) {
    // SAFETY: forwarded contract.
    let obj = unsafe { obj_of_links(node) };
    // SAFETY: as above.
    let (h, l) = unsafe { (header(obj), &*node) };
    if let Some(reach) = tracer.reach_state() {
        reach.cursor = node;
    }
    tracer.tracing = Some(obj);
    // SAFETY: live container; tracing only reads the payload.
    unsafe { (vtable_of(obj).trace)(obj, tracer.erased()) };
    walk.back(l).set(behind);
    h.word.set(h.word.get() & !(COLLECTING | REACHED));
}

/// Moves a tentatively unreachable member out of `young` (singly: back links hold scratch
/// counts) into the unreachable list, keeping the list order, and flags (or marks) it.
///
/// # Safety
/// `node` is a member of `young` with `gc_refs == 0`, the next step of `walk` (the
/// sorting's) after `behind`.
#[inline(always)]
unsafe fn move_out(
    node: *const Links,
    behind: *const Links,
    sorting: &Sorting<'_>,
    walk: Walk,
    moved: &mut Moved,
) {
    // SAFETY: forwarded contract: `behind` is the head or an already scanned member.
    unsafe { walk.step(&*behind).set(walk.step(&*node).get()) };
    // SAFETY: `node` is a live container's links, now in no list.
    unsafe { walk.file(node, sorting.unreachable) };
    // SAFETY: as above.
    let h = unsafe { header(obj_of_links(node)) };
    let word = h.word.get();
    h.word.set(flag_unreachable(word, sorting.mark));
    moved.words |= word;
}

/// The header word of an object moved to the unreachable list and marked for the
/// teardown: TORN_DOWN (a dereference panics from now on) and held by the collector (+1),
/// so that no `Drop` impl run by the teardown can free it before its own turn; disarmed,
/// so that the decrements of the teardown (each member's drop gives back its references to
/// the others, most before their own turn) take `release`'s fast path rather than noting
/// an event of garbage (`dealloc::note_decrement`, which `note_suspect` then ignores).
#[inline(always)]
pub(crate) fn mark_unreachable(word: usize) -> usize {
    flag_unreachable(word, true)
}

/// The header word of an object moved to the unreachable list: [`mark_unreachable`]'s with
/// `mark`, else flagged UNREACHABLE only; no branch on `mark` (one per object moved out).
#[inline(always)]
fn flag_unreachable(word: usize, mark: bool) -> usize {
    let held = usize::from(mark);
    ((word | UNREACHABLE | (TORN_DOWN * held)) & !(ARMED * held)) + held
}

/// Undoes [`mark_unreachable`] (or a plain UNREACHABLE flag) on an object found reachable
/// after all, of type `vtable`: a marked one is armed again if its type's edges are seen,
/// as every scan leaves such objects. Only objects marked by this scan are TORN_DOWN among
/// the set's members: a torn-down object is never tracked.
#[inline(always)]
pub(crate) fn unmark_unreachable(word: usize, vtable: &VTable) -> usize {
    let held = usize::from(word & TORN_DOWN != 0);
    let armed = ARMED * usize::from(vtable.seen_edges) * held;
    ((word & !(UNREACHABLE | TORN_DOWN)) | armed) - held
}

/// Clears the collector's flags and marks of every object of `list` (the unreachable list
/// of a scan), so that user code may run: counts are exact again.
pub(crate) fn clear_marks(list_head: &Links) {
    list::for_each(list_head, |obj| {
        // SAFETY: live container.
        let h = unsafe { header(obj) };
        let word = h.word.get();
        // SAFETY: as above; `word` is its header word.
        let vtable = unsafe { vtable_with(obj, word) };
        h.word.set(unmark_unreachable(word, vtable) & !COLLECTING);
    });
}
