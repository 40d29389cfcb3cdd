//! Collections that need no scan: a set that cannot hold a cycle holds no garbage.
//!
//! # The invariant
//!
//! The garbage a collection of generation `g` finds is a subset of `young` (generations
//! `0..=g`) whose strong counts are all explained by references from `young` and that no
//! member with an outside reference reaches. If `young` has no cycle through its own
//! members there is none: from any member, step back to a member that refers to it, and
//! again; without a cycle the steps end, at a member no member refers to, whose count (at
//! least 1: it is alive) is then made of outside references: a root, from which the first
//! member is reachable.
//!
//! Objects whose type has `Trace::FIXED_EDGES` never form a cycle among themselves. Their
//! handles are the ones they were built with, which point at objects that existed before
//! them (`Gc::new_cyclic` lends only a weak handle to the object being built), or ones
//! stored under `Gc::get_mut`, which needs the only strong handle and no weak one, so no
//! handle to the object itself can be stored then: any new cycle would have to run
//! through it. Hence: **if every member of `young` has fixed edges, the collection finds
//! nothing**, whatever happened to the counts since the last one. Untracking and freeing
//! only remove members and edges, which never makes a cycle.
//!
//! Objects whose type has `Edges::Barriered` (handles in pymm's `GcRefCell`/`GcCell`, see
//! `handle::cell`) are as good as fixed until their first write: every change of their
//! handles other than under `Gc::get_mut` needs the `Write` capability, which only
//! `Gc::write` hands out, and which first clears the bit of the object's generation. From
//! then on the object counts as cyclic wherever it goes: a scan that meets it reports
//! `all_fixed == false` (its vtable's `fixed_edges` is false), so the generation its
//! survivors join keeps its bit cleared.
//!
//! Why not the candidate roots of Bacon-Rajan and rust-cc (a dirty flag set when a count
//! drops to a non-zero value) alone? In Rust garbage can be made with no count changing:
//! take the handle to `b` out of a reachable object's `RefCell` (a move) and store it in
//! `b`'s own cell; `b` is now an unreachable self-cycle and no count moved. Those
//! collectors leak such a cycle until some decrement touches it; `gc.collect()` must find
//! it. Every way to make a cycle goes through a mutation of a cell, which `FIXED_EDGES`
//! rules out per type and at compile time, and which pymm's cells make seen (below).
//!
//! # Built: barriered cells, events, quiet generations, scans of the suspects' closure
//!
//! What makes collections of sets with cells proportional to what changed (the stress
//! test's 32 full collections over a graph whose edges sit in cells, where rust-cc traces
//! only from the objects whose counts dropped) is a barrier on every mutation of a cell
//! that can hold a handle, which std's `RefCell` and `Cell` do not have (they stay
//! correct: scanned as now). Built:
//!
//! * pymm's own cells (`GcRefCell`, `GcCell`, `handle::cell`): reads free, every
//!   mutation (`borrow_mut`, `set`, `replace`, `take`, `swap`, `unlock`) a method of
//!   `Write<Cell>`, which safe code gets only from `Gc::write(&gc)` (the barrier: it
//!   notes a write of the object's generation), from `write_field!` (a pattern, so a
//!   field inline in the same object) or from `&mut` access (gc-arena's `Gc::write`,
//!   `RefLock`/`Lock` and `unlock!`). A cell cannot find its object itself: it may sit in
//!   a `Box` or a `Vec` buffer outside the block.
//! * `Trace::EDGES` answers one of three kinds (`Edges`): fixed, barriered (in pymm's
//!   cells only), free (std cells, hand-written impls by default); the derive takes the
//!   weakest of the fields.
//! * Events. Every event that can make garbage among fixed or barriered objects is seen:
//!   a barriered write (a handle moved into or out of a cell, which is the move the
//!   paragraph above is about) and a decrement to a non-zero count of any tracked object
//!   with seen edges (fixed ones included: a fixed object can sit on a cycle through a
//!   barriered one, and the drop of the last outside handle to that cycle may be its).
//!   Every garbage set made since a scan that found nothing holds the object of such an
//!   event (it lost its last outside edge through one: Bacon and Rajan's argument).
//!   The decrement hook cannot be a constant of the payload type (`Drop for Gc<T>` takes
//!   no bound on `T`, and `GcAny` knows no type), so a header flag, `ARMED` (one bit
//!   taken from the count, which keeps 51), says whether to note it: a test of the word
//!   the decrement already loaded, which objects with free edges (pymm-python's `Obj`,
//!   never armed) pass without a call. The hook disarms the object: its generation is
//!   unquiet from then on, so its next decrements add nothing. Invariant: **every tracked
//!   object that is not armed lies in an unquiet generation**. Births of types with seen
//!   edges are armed (`Trace::EDGES`), as is every member with seen edges a scan walks
//!   (`subtract_refs`, in the store it makes anyway; arming is never wrong, only
//!   disarming must be paid for by a cleared bit); slices and tailed objects are born
//!   disarmed, and their births make generation 0 unquiet.
//!   Births need no note: a new object is garbage only after a decrement or a write
//!   touches it or its ancestors, which are events themselves; `Gc::get_mut` untracks
//!   the object, and tracking it again (`track_obj`) makes generation 0 unquiet (events
//!   while untracked were not noted).
//! * Quiet generations (`HeapState::quiet`, one bit per generation): an event clears the
//!   bit of its object's generation. A collection whose generations all have the bit
//!   skips its scan, as an acyclic one does (`needs_no_scan`). The bits follow members
//!   that move: a collection's survivors join `old_gen`, whose bit survives only if all
//!   the merged generations had theirs (`merged`): a collection of generation 0 or 1
//!   verifies its set with references from older generations as roots, which a larger
//!   set may show to be inside a garbage cycle, so its candidates stay candidates of the
//!   generation they join, and only a full scan that found nothing sets generation 2's
//!   bit (if every member's type has seen edges, read from the vtables `subtract_refs`
//!   loads anyway: then it has armed them all). A scan that found garbage leaves
//!   `old_gen` unquiet: its user code (finalizers, teardown) writes and decrements
//!   objects whose tags are about to change. Events during a collection's user code are
//!   noted like any other, by tag: clearing a bit is never wrong.
//!
//! * Suspects (`suspects`, which states its invariant): the object of an event also
//!   moves to its generation's second list, and a collection whose generations are all
//!   covered (every member outside the suspects armed) scans only the closure of the
//!   suspects, merging the rest as this module's skipped collections do. A collection of
//!   generation 0 or 1 keeps its surviving suspects as suspects of the generation they
//!   join; only a full collection clears them.
//!
//! Not built: a skipped collection still walks the younger generations' lists to retag
//! their members (O(1) merging is another change's), and the closure is traced three
//! times (gathered, subtracted, reached) where a fused gather-and-subtract pass would
//! trace it twice.
//!
//! The tests: one per way to make garbage (a move into a cell, out of one, a swap between
//! two, `take`/`set`/`replace`, a new cyclic object, a decrement to a non-zero count,
//! `Gc::get_mut`: `tests/barrier.rs`, each failing if events are not noted), collections
//! skipped until an event and a write in generation 0 alone (`tests/candidates.rs`), the
//! closure scans (`tests/suspects.rs`), the property test against the reachability model
//! with barriered types (`barrier_model`), Miri and the stress mode (which scans what the
//! bits would skip, and asserts it finds nothing, and every set whose closure it could
//! scan, asserting both scans found the same).
//!
//! # The bookkeeping (`HeapState::acyclic`, one bit per generation)
//!
//! * A container tracked into generation 0 clears bit 0 unless its type has fixed or
//!   barriered edges (a constant per type on the allocation paths: those types pay
//!   nothing; tracking again after `Gc::get_mut` clears it unless fixed).
//! * `Gc::write` on a tracked object of a barriered type clears the bit of the object's
//!   generation (nothing for the permanent one, whose objects `unfreeze` puts in
//!   generation 2 with its bit cleared).
//! * A scanning collection learns from `subtract_refs` whether every member of `young` had
//!   fixed edges: the generations it emptied get their bit, the one its survivors join
//!   keeps its bit only if so. This runs before any user code of the collection, which may
//!   track new objects (and clear bit 0 again).
//! * `freeze` empties every generation (all bits set); `unfreeze` clears bit 2.
//!
//! A collection whose generations all have their bit set (here or in `quiet`) skips
//! `subtract_refs` and `move_unreachable` and does the rest as a scanning collection that
//! found nothing: the counts and callbacks (in `collect`), younger generations retagged
//! and merged, survivors promoted, CPython's long-lived counts, statistics. For a full
//! collection the long-lived total is the length of generation 2, kept in
//! `HeapState::old_len` between collections while nothing leaves that generation, else
//! counted by a walk of its links (one load per object, no trace). With generations 0 and
//! 1 empty, as after any collection of generation 1 or 2, a full collection of an
//! unchanged heap is O(1).

use crate::collector::reach::SetEdges;
use crate::heap::state::{ALL_ACYCLIC, UNKNOWN_LEN};
use crate::heap::HeapState;
use crate::object::header::retag_list;
use crate::object::list;

/// The bits of generations `0..=generation`.
fn young_mask(generation: usize) -> u8 {
    (1u8 << (generation + 1)) - 1
}

/// Whether a collection of `generation` finds nothing without a scan: no member of
/// generations `0..=generation` can be part of a cycle, or all of them are quiet (no
/// event since a scan verified them).
pub(crate) fn needs_no_scan(state: &HeapState, generation: usize) -> bool {
    let mask = young_mask(generation);
    state.acyclic.get() & mask == mask || state.quiet.get() & mask == mask
}

/// One generation bit set (`acyclic` or `quiet`) after generations `0..=generation` were
/// merged into `old_gen` (the same one for a full collection): the emptied ones have
/// their bit, `old_gen` keeps its own only if all of them had theirs.
fn merged(bits: u8, generation: usize, old_gen: usize) -> u8 {
    let mask = young_mask(generation);
    if bits & mask == mask {
        bits | mask
    } else {
        (bits | mask) & !(1 << old_gen)
    }
}

/// What a scan found, for the bits and lengths it leaves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Nothing,
    /// Garbage torn down at once (no finalizer: nothing resurrects, so the survivors are
    /// all that joins `old_gen`, and the frees the teardown causes count down).
    TornDown,
    /// Garbage that user code sees first (finalizers, `DEBUG_SAVEALL`): what joins
    /// `old_gen` is not known.
    UserCode,
}

/// After the reach of a scanning collection of `generation` (before any user code):
/// `edges` says what the members' edges were; its survivors went to `old_gen`, `reachable`
/// of them, and `found` says what becomes of the rest.
///
/// A full collection that found nothing verified the whole heap: generation 2 is quiet if
/// all its members' events are noted. A younger one verified its set with references from
/// older generations as roots, which a larger set may show to be inside a garbage cycle:
/// its candidates stay candidates of the generation they join (its bit merges). Garbage
/// found means user code runs next (finalizers, teardown) on objects whose tags change:
/// the generation survivors join is not quiet.
pub(crate) fn after_scan(
    state: &HeapState,
    generation: usize,
    old_gen: usize,
    edges: SetEdges,
    reachable: usize,
    found: Found,
) {
    let mut bits = state.acyclic.get() | young_mask(generation);
    if !edges.all_fixed {
        bits &= !(1 << old_gen);
    }
    state.acyclic.set(bits);
    let quiet = state.quiet.get();
    let quiet = match found {
        Found::Nothing if generation == 2 => {
            let verified = (quiet | young_mask(generation)) & !(1 << 2);
            verified | (u8::from(edges.all_seen) << 2)
        }
        Found::Nothing => merged(quiet, generation, old_gen),
        _ => (quiet | young_mask(generation)) & !(1 << old_gen),
    };
    state.quiet.set(quiet);
    // A full scan armed every member with seen edges and left no suspect: generation 2 is
    // covered if that is all of them. A younger one merges (its suspects stay suspects).
    let covered = state.covered.get();
    state.covered.set(if generation == 2 {
        (covered | young_mask(2)) & !(1 << 2) | (u8::from(edges.all_seen) << 2)
    } else {
        merged(covered, generation, old_gen)
    });
    let joined = (found != Found::UserCode).then_some(reachable);
    note_old_len(state, generation, joined);
}

/// Generation 2's length after a collection of `generation`: `joined` objects went there
/// (`None`: not known exactly, as when finalizers may resurrect garbage).
fn note_old_len(state: &HeapState, generation: usize, joined: Option<usize>) {
    let old_len = &state.old_len;
    match (generation, joined) {
        (0, _) => {}
        (1, Some(n)) if state.known_old_len().is_some() => old_len.set(old_len.get() + n),
        (2, Some(n)) => old_len.set(n),
        _ => old_len.set(UNKNOWN_LEN),
    }
}

/// Steps 1-2 of a collection that needs no scan ([`needs_no_scan`]): every member
/// survives, and each generation bit set follows the members ([`merged`]).
/// Younger generations are retagged `old_gen` and merged into `generation`'s list (and,
/// below generation 2, that one retagged too: the caller merges it into `old_gen`'s).
/// Returns how many members the set has: counted while retagging, and for generation 2
/// from `old_len` when known.
pub(crate) fn sort_unscanned(state: &HeapState, generation: usize, old_gen: usize) -> usize {
    if let (2, Some(known), true) = (generation, state.known_old_len(), younger_are_empty(state)) {
        // A full collection of an unchanged heap (as after any collection of generation 1
        // or 2): nothing moves, and every bit stays as it is (a cleared bit of an empty
        // younger generation merges into generation 2's at the next merge that moves a
        // member: clearing it later is as safe as now, nothing of it being there).
        return known;
    }
    // A set skipped for its edges (`acyclic`) may have suspects (decrements): they stay
    // suspects of the generation they join.
    let mut members = merge_unscanned(state, generation, old_gen, None);
    let suspects = &state.gens[old_gen].suspects;
    for gen in &state.gens[..old_gen] {
        members += retag_list(&gen.suspects, old_gen);
        list::merge(&gen.suspects, suspects);
    }
    note_old_len(state, generation, Some(members));
    state
        .acyclic
        .set(merged(state.acyclic.get(), generation, old_gen));
    state
        .quiet
        .set(merged(state.quiet.get(), generation, old_gen));
    state
        .covered
        .set(merged(state.covered.get(), generation, old_gen));
    members
}

/// Whether generations 0 and 1 have no member.
fn younger_are_empty(state: &HeapState) -> bool {
    state.gens[..2]
        .iter()
        .all(|gen| list::is_empty(&gen.head) && list::is_empty(&gen.suspects))
}

/// Merges the main lists of generations `0..=generation` into `generation`'s, retagged
/// `old_gen` (only the younger ones for a full collection); returns how many objects they
/// hold with generation 2's (main and suspects) for a full collection, of which
/// `gen2_taken` were taken out of generation 2 since `old_len` was last right.
pub(crate) fn merge_unscanned(
    state: &HeapState,
    generation: usize,
    old_gen: usize,
    gen2_taken: Option<usize>,
) -> usize {
    let young = &state.gens[generation].head;
    if generation < 2 {
        for gen in &state.gens[..generation] {
            list::merge(&gen.head, young);
        }
        retag_list(young, old_gen)
    } else {
        let mut younger = 0;
        for gen in &state.gens[..generation] {
            younger += retag_list(&gen.head, old_gen);
            list::merge(&gen.head, young);
        }
        match (state.known_old_len(), gen2_taken) {
            (None, None) => gen_len(state, 2),
            (None, Some(_)) => list::len(young),
            (Some(known), taken) => known + younger - taken.unwrap_or(0),
        }
    }
}

/// The number of members of generation `gen` (both of its lists), walked.
pub(crate) fn gen_len(state: &HeapState, gen: usize) -> usize {
    list::len(&state.gens[gen].head) + list::len(&state.gens[gen].suspects)
}

/// Stress mode, at a full collection: the known length of generation 2 is its length.
/// Only full collections check it, as `validate_in_stress_mode` walks generation 2 only then:
/// a walk at every collection (stress mode collects at every allocation) made building a
/// long list quadratic.
pub(crate) fn check_in_stress_mode(state: &HeapState, generation: usize) {
    if let (true, 2, Some(known)) = (state.stress.get(), generation, state.known_old_len()) {
        let walked = gen_len(state, 2);
        assert_eq!(known, walked, "pymm: generation 2's known length is wrong");
    }
}

/// `gc.freeze()` moved every generation to the permanent one.
pub(crate) fn after_freeze(state: &HeapState) {
    state.acyclic.set(ALL_ACYCLIC);
    state.quiet.set(ALL_ACYCLIC);
    state.covered.set(ALL_ACYCLIC);
    state.old_len.set(0);
}

/// `gc.unfreeze()` moved the permanent generation into generation 2.
pub(crate) fn after_unfreeze(state: &HeapState) {
    state.acyclic.set(state.acyclic.get() & !(1 << 2));
    state.quiet.set(state.quiet.get() & !(1 << 2));
    state.covered.set(state.covered.get() & !(1 << 2));
    state.old_len.set(UNKNOWN_LEN);
}
