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
//!   objects whose list ids map to it (renamed before any user code runs). Events during
//!   a collection's user code are noted like any other, by id: clearing a bit is never
//!   wrong.
//!
//! * Suspects (`suspects`, which states its invariant): the object of an event also
//!   moves to its generation's second list (in generation 0 it stays in place, and the
//!   whole generation counts as suspects), and a collection whose generations are all
//!   covered (every member outside the suspects armed) scans only the closure of the
//!   suspects, merging the rest as this module's skipped collections do. A collection of
//!   generation 0 or 1 keeps its surviving suspects as suspects of the generation they
//!   join; only a full collection clears them.
//!
//! * Lengths: every generation's (both lists) is counted by list id, without a walk
//!   (`young_lens`, `old_len`): a track into generation 0 counts up, a free or untrack
//!   counts down the generation its id maps to (`HeapState::note_untracked`), a merge
//!   moves the merged lengths on, garbage and all (`merge_lens`: the garbage's frees count
//!   down the generation its ids now map to). Garbage that user code sees first leaves
//!   them unknown until a full collection that finds nothing.
//!
//! The closure is traced twice, as a whole set is: gathered by the subtraction's walk
//! (each child met taken in at the walk's end), then reached.
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
//! found nothing: the counts and callbacks (in `collect`), younger generations merged
//! (their list ids renamed, no member written: `heap::gen_ids`), survivors promoted,
//! CPython's long-lived counts, statistics. The long-lived counts need the set's length:
//! the generations' lengths are kept in `HeapState::old_len` and `young_lens` between
//! collections while no tracked container leaves a generation, else counted by a walk of
//! the set's links (one load per object, no trace, no write). So a collection of an
//! unchanged heap that nothing left since the last full one is O(1), whatever its
//! generations hold.

use crate::collector::reach::SetEdges;
use crate::heap::state::{ALL_ACYCLIC, UNKNOWN_LEN};
use crate::heap::HeapState;
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
    note_old_len(state, generation, reachable, found);
}

/// Generation 2's length after the reach of a collection of `generation`, whose set's
/// length `promote_survivors` moved on already (`merge_lens`): garbage user code sees first
/// (finalizers, `DEBUG_SAVEALL`, which may resurrect, freeze...) leaves it unknown; a full
/// collection that found nothing makes it `reachable`, exact again.
fn note_old_len(state: &HeapState, generation: usize, reachable: usize, found: Found) {
    match (generation, found) {
        (_, Found::UserCode) => state.old_len.set(UNKNOWN_LEN),
        (2, Found::Nothing) => state.old_len.set(reachable),
        _ => {}
    }
}

/// Steps 1-2 of a collection that needs no scan ([`needs_no_scan`]): every member
/// survives, and each generation bit set follows the members ([`merged`]). Younger
/// generations are merged into `generation`'s list, their suspects into `old_gen`'s (the
/// caller merges `generation`'s list into `old_gen`'s below generation 2, and renames the
/// ids). Returns how many members the set has (see [`merge_unscanned`]); a full
/// collection of an unchanged heap whose length is known returns at once.
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
    let members = merge_unscanned(state, generation, 0);
    let suspects = &state.gens[old_gen].suspects;
    for gen in &state.gens[..old_gen] {
        list::merge(&gen.suspects, suspects);
    }
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
#[inline]
pub(crate) fn younger_are_empty(state: &HeapState) -> bool {
    state.gens[..2]
        .iter()
        .all(|gen| list::is_empty(&gen.head) && list::is_empty(&gen.suspects))
}

/// Merges the main lists of generations `0..=generation` into `generation`'s (their ids
/// are in the set's run already); returns how many members of the set (both lists) are
/// outside a closure of `in_closure` of them that was taken out first: from the known
/// lengths while `old_len` is known, else counted by a walk (generation 0's count, which
/// nothing reads, is never walked for).
pub(crate) fn merge_unscanned(state: &HeapState, generation: usize, in_closure: usize) -> usize {
    let young = &state.gens[generation].head;
    for gen in &state.gens[..generation] {
        list::merge(&gen.head, young);
    }
    let [young0, young1] = &state.young_lens;
    let members = match (generation, state.known_old_len()) {
        (0, _) => young0.get(),
        (_, None) => {
            let suspects: usize = state.gens[..=generation]
                .iter()
                .map(|gen| list::len(&gen.suspects))
                .sum();
            return list::len(young) + suspects;
        }
        (1, Some(_)) => young0.get().wrapping_add(young1.get()),
        (_, Some(known)) => known.wrapping_add(young0.get()).wrapping_add(young1.get()),
    };
    members.wrapping_sub(in_closure)
}

/// The number of members of generation `gen` (both of its lists), walked.
pub(crate) fn gen_len(state: &HeapState, gen: usize) -> usize {
    list::len(&state.gens[gen].head) + list::len(&state.gens[gen].suspects)
}

/// Generations `0..=generation` were merged into the next one (into 2 for a full
/// collection), garbage and all: their known lengths follow (an unknown `old_len` stays
/// unknown; the young lengths are trusted only while it is known).
pub(crate) fn merge_lens(state: &HeapState, generation: usize) {
    let [young, middle] = &state.young_lens;
    if generation == 0 {
        middle.set(middle.get().wrapping_add(young.get()));
    } else {
        let joined = young.get().wrapping_add(middle.get());
        state.old_len.set(state.old_len.get().wrapping_add(joined));
        middle.set(0);
    }
    young.set(0);
}

/// Garbage torn down at once left `old_gen`, `found` objects whose ids map to it: the
/// teardown untracks them without counting (`merge_lens` counted them in).
pub(crate) fn note_torn_down(state: &HeapState, old_gen: usize, found: usize) {
    let len = if old_gen == 1 {
        &state.young_lens[1]
    } else {
        &state.old_len
    };
    len.set(len.get().wrapping_sub(found));
}

/// Stress mode, at a full collection: the known lengths of the generations are theirs.
/// Only full collections check it, as `validate_in_stress_mode` walks generation 2 only then:
/// a walk at every collection (stress mode collects at every allocation) made building a
/// long list quadratic.
pub(crate) fn check_in_stress_mode(state: &HeapState, generation: usize) {
    if let (true, 2, Some(known)) = (state.stress.get(), generation, state.known_old_len()) {
        let walked = gen_len(state, 2);
        assert_eq!(known, walked, "pymm: generation 2's known length is wrong");
        for (gen, len) in state.young_lens.iter().enumerate() {
            let walked = gen_len(state, gen);
            assert_eq!(
                len.get(),
                walked,
                "pymm: generation {gen}'s known length is wrong"
            );
        }
    }
}

/// `gc.freeze()` moved every generation to the permanent one.
pub(crate) fn after_freeze(state: &HeapState) {
    state.acyclic.set(ALL_ACYCLIC);
    state.quiet.set(ALL_ACYCLIC);
    state.covered.set(ALL_ACYCLIC);
    state.young_suspects.set(false);
    state.old_len.set(0);
    for len in &state.young_lens {
        len.set(0);
    }
}

/// `gc.unfreeze()` moved the permanent generation into generation 2.
pub(crate) fn after_unfreeze(state: &HeapState) {
    state.acyclic.set(state.acyclic.get() & !(1 << 2));
    state.quiet.set(state.quiet.get() & !(1 << 2));
    state.covered.set(state.covered.get() & !(1 << 2));
    state.old_len.set(UNKNOWN_LEN);
}
