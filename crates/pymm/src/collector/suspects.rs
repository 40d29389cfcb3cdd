//! Collections that scan only the closure of their suspects.
//!
//! # The invariant
//!
//! Each generation keeps a second list, its suspects (`Generation::suspects`): the objects
//! of events (a barriered write, a decrement to a non-zero count of an armed object, see
//! `unchanged`) since a scan last verified them, moved there by the event
//! (`HeapState::note_suspect`) with their list id (membership does not change).
//! Bit `i` of `HeapState::covered` says: **every member of generation `i` outside its
//! suspects is `ARMED`** (its next event will be seen). Then, for a set `young`
//! (generations `0..=g`) whose bits are all set, every garbage object is reachable from a
//! suspect of `young`:
//!
//! * Walk back from a garbage object through the garbage that refers to it (all its
//!   referrers are garbage: it is unreachable); the walk cannot end (a garbage object's
//!   count is at least one, made of references from garbage), so it meets a cycle of
//!   garbage, from which the object is reachable.
//! * That cycle was reachable when a scan last verified its members, or did not exist:
//!   since then, its last outside reference went (a decrement of a member, left above zero
//!   by the cycle: an event on it) or was moved into the cycle (a barriered write of a
//!   member), or the cycle was closed (a barriered write of a member). Each is an event on
//!   a member, which made it a suspect unless it was not armed: then it was a suspect
//!   already (covered generation), and stays one until a scan arms it again.
//! * The cycle is in `young`: a member of an older generation referring into it would be
//!   a root for this collection, and the whole cycle reachable.
//!
//! So the collection scans the closure of the suspects inside `young` (children whose list
//! id is at least `g`'s lowest: the bound of the whole set's scan, `gen_ids`): references into it from outside the closure are roots (members outside it
//! are not garbage), subtracting the references inside it and keeping what its roots
//! reach finds all the garbage of `young`, exactly as a scan of the whole set would. The
//! counts, callbacks, statistics and promotions stay those of the whole set; the members
//! outside the closure are merged as a skipped collection merges them (`unchanged`).
//!
//! # What keeps the bits
//!
//! * A member that arrives unarmed (a birth of a type whose edges are not seen, a slice or
//!   tailed object, a container tracked again) clears generation 0's bit
//!   (`HeapState::note_tracked`).
//! * A collection of `g < 2` keeps its surviving suspects (for a closure scan, every
//!   survivor of the closure) as suspects of the generation they join: it verified them
//!   with references from older generations as roots, which a full collection may show to
//!   be inside a garbage cycle. A full collection leaves none: it found all the garbage.
//!   The bits merge as `quiet`'s do (`unchanged::merged`); a full scan sets generation 2's
//!   if every member had seen edges (it armed them all).
//! * Events while a collection runs user code: objects of the collection's own lists are
//!   left where they are (found by their `COLLECTING`/`UNREACHABLE`/`TORN_DOWN` flags);
//!   while finalizers and weak callbacks run, those lists are unflagged, so every event
//!   clears its generation's bit instead (`HeapState::disposing`): the next collection of
//!   it scans whole. Survivors are back in their generation's lists by then and move as
//!   usual.
//! * `freeze` empties every generation (all bits set), `unfreeze` clears generation 2's.
//!
//! Stress mode runs the closure's scan without acting on it (`dry_run`), puts everything
//! back, and scans the whole set: both must find the same unreachable objects.

use crate::collector::collect::{dispose, found_of, promote_survivors};
use crate::collector::reach::{clear_marks, move_unreachable, subtract_refs, SetEdges, Sorting};
use crate::collector::unchanged::{after_scan, merge_unscanned};
use crate::collector::visitor::{Mode, Visitor};
use crate::heap::config::DebugFlags;
use crate::heap::unraisable::PanicSlot;
use crate::heap::HeapState;
use crate::object::header::{
    header, in_collected_set, links_ptr, obj_of_links, vtable_of, Links, Obj, COLLECTING,
};
use crate::object::list;

/// Whether a collection of `generation` scans only the closure of its suspects: every
/// generation of `0..=generation` is covered, and the suspects are fewer than half the
/// set (their closure is traced three times, the whole set twice: a set made mostly of
/// suspects, as one whose every object was just written, is scanned whole). The set's
/// size is estimated from what is known without a walk: generation 0's count, generation
/// 2's known length; the suspects are counted up to that half.
pub(crate) fn covers(state: &HeapState, generation: usize) -> bool {
    let mask = (1u8 << (generation + 1)) - 1;
    if state.covered.get() & mask != mask {
        return false;
    }
    let older = match generation {
        2 => state.known_old_len().unwrap_or(usize::MAX / 4),
        _ => 0,
    };
    let half = (state.count(0) + older) / 2;
    let mut suspects = 0;
    for gen in &state.gens[..=generation] {
        list::for_each_newest(&gen.suspects, |_| {
            suspects += 1;
            suspects < half
        });
    }
    suspects < half
}

/// What [`gather`] put in the closure, and the visitor's state while it does.
pub(crate) struct Gather<'a> {
    closure: &'a Links,
    /// The collected set's bound (`gen_ids::GenIds::bound`): generations `0..=generation`.
    bound: usize,
    /// Objects in the closure.
    members: usize,
}

impl Gather<'_> {
    /// Puts a member of the set in the closure, flagged COLLECTING; `word` is its header.
    #[inline(always)]
    fn take(&mut self, obj: Obj, word: usize) {
        // SAFETY: a member of the set is a live container.
        unsafe { header(obj) }.word.set(word | COLLECTING);
        self.members += 1;
    }

    /// A child of a closure member: taken in (moved to the closure's tail, so the walk
    /// reads it later) if it is a member of the set not in the closure yet.
    #[inline(never)]
    pub(crate) fn visit(&mut self, child: Obj) {
        // SAFETY: a handle being traced keeps its object allocated.
        let word = unsafe { header(child) }.word.get();
        if in_collected_set(word, self.bound) && word & COLLECTING == 0 {
            self.take(child, word);
            // SAFETY: a tracked member of the set is in one of its generation's lists, which
            // are well formed (no scratch values before `subtract_refs`).
            unsafe {
                list::unlink_dead(links_ptr(child));
                list::append(links_ptr(child), self.closure);
            }
        }
    }
}

/// Moves the suspects of generations `0..=generation`, and every member of those
/// generations they reach, into `closure`, each flagged COLLECTING (the mark of the walk,
/// which `subtract_refs` sets anyway). The list is its own queue: the walk reads each
/// object's children once, appending the new ones at the tail.
fn gather<'a>(state: &HeapState, generation: usize, closure: &'a Links) -> Gather<'a> {
    let mut gather = Gather {
        closure,
        bound: state.ids.bound(generation),
        members: 0,
    };
    for gen in &state.gens[..=generation] {
        list::for_each(&gen.suspects, |obj| {
            // SAFETY: list members are live containers.
            gather.take(obj, unsafe { header(obj) }.word.get());
        });
        list::merge(&gen.suspects, closure);
    }
    let mut tracer = Visitor::for_collection(Mode::Gather(gather), state);
    let mut node = closure.next.get();
    while !std::ptr::eq(node, closure) {
        // SAFETY: every node of the closure but its head belongs to a live container.
        let obj = unsafe { obj_of_links(node) };
        tracer.tracing = Some(obj);
        // SAFETY: live container whose vtable this is; tracing only reads the payload.
        unsafe { (vtable_of(obj).trace)(obj, tracer.erased()) };
        // SAFETY: `node` is live; its successor is read after the appends.
        node = unsafe { (*node).next.get() };
    }
    // The visitor has a `Drop` impl: its mode is taken out in exchange for an idle one.
    let idle = Mode::Refers {
        targets: &[],
        found: false,
    };
    let Mode::Gather(gather) = std::mem::replace(&mut tracer.mode, idle) else {
        unreachable!("the gathering visitor keeps its mode")
    };
    tracer.end_pass();
    gather
}

/// A collection of `generation` whose set is covered ([`covers`]): steps 1-8 of
/// `collect` on the closure of the suspects, the rest merged unscanned. Returns the
/// number of unreachable objects found.
pub(crate) fn collect_suspects(
    state: &HeapState,
    generation: usize,
    old_gen: usize,
    panics: &mut PanicSlot,
) -> usize {
    let closure = Links::new();
    list::init(&closure);
    let gathered = gather(state, generation, &closure);
    let rest = merge_unscanned(state, generation, gathered.members);
    let debug = state.debug.get();
    let keep_garbage = debug.bits() & (DebugFlags::SAVEALL | DebugFlags::COLLECTABLE).bits() != 0;
    let walk = state.gens[generation].walk.get().walk;
    let edges = subtract_refs(state, &closure, state.ids.bound(generation), walk);
    let unreachable = Links::new();
    list::init(&unreachable);
    let sorting = Sorting {
        state,
        unreachable: &unreachable,
        mark: !keep_garbage,
        walk,
    };
    let scan = move_unreachable(&closure, &sorting);
    // Survivors of the closure: suspects still for a younger collection (see the module
    // docs), plain members of generation 2 after a full one.
    let old = &state.gens[old_gen];
    list::merge(
        &closure,
        if generation < 2 {
            &old.suspects
        } else {
            &old.head
        },
    );
    let reachable = rest + scan.reachable;
    promote_survivors(
        state,
        generation,
        &state.gens[generation].head,
        &old.head,
        reachable,
    );
    let found = found_of(&unreachable, &scan, keep_garbage);
    // Members outside the closure may have any edges (not all fixed); all have seen ones
    // (the set is covered).
    let edges = SetEdges {
        all_fixed: false,
        all_seen: edges.all_seen,
    };
    after_scan(state, generation, old_gen, edges, reachable, found);
    dispose(
        state,
        &unreachable,
        &scan,
        keep_garbage,
        (&old.head, old_gen),
        panics,
    )
}

/// Stress mode: the number of unreachable objects the scan of the suspects' closure
/// finds, with everything put back (the closure, flags cleared, goes to `generation`'s
/// suspects: every member keeps its list id, and every suspect stays one; the whole
/// set's scan that follows merges every list of the set). No user code runs; counts are never changed.
pub(crate) fn dry_run(state: &HeapState, generation: usize) -> usize {
    let closure = Links::new();
    list::init(&closure);
    gather(state, generation, &closure);
    let walk = state.gens[generation].walk.get().walk;
    subtract_refs(state, &closure, state.ids.bound(generation), walk);
    let unreachable = Links::new();
    list::init(&unreachable);
    let sorting = Sorting {
        state,
        unreachable: &unreachable,
        mark: false,
        walk,
    };
    move_unreachable(&closure, &sorting);
    let found = list::len(&unreachable);
    clear_marks(&unreachable);
    let suspects = &state.gens[generation].suspects;
    list::merge(&closure, suspects);
    list::merge(&unreachable, suspects);
    found
}
