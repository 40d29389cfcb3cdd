//! Collections that scan only the closure of their suspects.
//!
//! # The invariant
//!
//! Each generation keeps a second list, its suspects (`Generation::suspects`): the objects
//! of events (a barriered write, a decrement to a non-zero count of an armed object, see
//! `unchanged`) since a scan last verified them, moved there by the event
//! (`HeapState::note_suspect`) with their list id (membership does not change); in
//! generation 0 they stay in place and, while `HeapState::young_suspects` is set, its main
//! list counts as suspects too (moved to the suspects' list as the next collection starts,
//! see below). Bit `i` of `HeapState::covered` says: **every member of generation `i`
//! outside its suspects is `ARMED`** (its next event will be seen). Then, for a set `young`
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
//! * An event on a member of generation 0 leaves it in place, and the whole generation
//!   counts as suspects (`HeapState::young_suspects`) until the next collection starts and
//!   moves its main list to its suspects ([`young_to_suspects`]), which makes its bit true.
//!   Under the write barrier most young objects are written once (a cycle closed through
//!   `Gc::write`): moved one by one, they made a second run of the list, so every pass
//!   of a whole scan met each pair's memory twice and the teardown freed half of them as
//!   zombies; in place, a whole scan walks the generation in allocation order. A
//!   generation 0 made of suspects is as many suspects as members: the closure's scan of a
//!   full collection takes it whole (at most a threshold's worth while automatic
//!   collections run).
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
use crate::collector::pipeline::prefetch_two_ahead;
use crate::collector::reach::{
    clear_marks, move_unreachable_closure, subtract_member, SetEdges, Sorting,
};
use crate::collector::unchanged::{after_scan, merge_unscanned};
use crate::collector::visitor::{Mode, Visitor};
use crate::heap::config::DebugFlags;
use crate::heap::unraisable::PanicSlot;
use crate::heap::HeapState;
use crate::object::header::{
    header, in_collected_set, links_ptr, obj_of_links, Links, Obj, COLLECTING,
};
use crate::object::list;
use crate::object::walk::Walk;

/// Generation 0's members count as suspects (`HeapState::young_suspects`, events left
/// them in place): its main list joins its suspects' list, after them, so the suspects are
/// in generation 0's allocation order, and its `covered` bit holds (no member outside its
/// suspects). Runs as a collection starts, before anything reads the lists or the bits.
pub(crate) fn young_to_suspects(state: &HeapState) {
    if state.young_suspects.replace(false) {
        let young = &state.gens[0];
        list::merge(&young.head, &young.suspects);
        state.covered.set(state.covered.get() | 1);
    }
}

/// Whether a collection of `generation` scans only the closure of its suspects: every
/// generation of `0..=generation` is covered, and the suspects are fewer than half the
/// set. Both scans trace each member twice, but the closure's also moves each member it
/// takes in to the closure (an unlink and a filing: writes to neighbours scattered in
/// memory) and meets them in that order: a set made mostly of suspects, as one whose
/// every object was just written, is walked whole in place (large_linked_lists, all
/// suspects: fewer instructions through the closure, more time). The set's size is
/// estimated from what is known without a walk: generation 0's count, generation 2's
/// known length; the suspects are counted up to that half.
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

/// What [`gather_subtracting`] put in the closure, and the visitor's state while it does.
pub(crate) struct Gather {
    /// The closure's head (it outlives the pass).
    closure: *const Links,
    /// The collected set's bound (`gen_ids::GenIds::bound`): generations `0..=generation`.
    bound: usize,
    walk: Walk,
    /// Objects in the closure.
    members: usize,
}

impl Gather {
    /// Flags a member of the set as one of the closure; `word` is its header.
    #[inline(always)]
    fn take(&mut self, obj: Obj, word: usize) {
        // SAFETY: a member of the set is a live container.
        unsafe { header(obj) }.word.set(word | COLLECTING);
        self.members += 1;
    }

    /// A child of a closure member, if a member of the set: taken in first if it is not in
    /// the closure yet (filed at the end of the walk, which reaches it later: its back link
    /// then points at the node filed before it, as `reach::subtract_refs` expects of a
    /// member it has not reached), then one reference subtracted (`visit::subtract_in_set`).
    #[inline(never)]
    pub(crate) fn visit(&mut self, child: Obj) {
        // SAFETY: a handle being traced keeps its object allocated.
        let word = unsafe { header(child) }.word.get();
        if !in_collected_set(word, self.bound) {
            return;
        }
        // SAFETY: a member of the set is tracked, hence a container.
        let node = unsafe { links_ptr(child) };
        if word & COLLECTING == 0 {
            self.take(child, word);
            // SAFETY: a member of the set outside the closure is in one of its generation's
            // lists, which are well formed; filing writes only the closure's step link of
            // its last node (the back links of the closure hold scratch counts); the
            // closure's head lives on `collect_suspects`' or `dry_run`'s frame.
            unsafe {
                list::unlink_dead(node);
                self.walk.file(node, &*self.closure);
            }
        }
        // SAFETY: as above: its links are real.
        self.walk.take_refs(unsafe { &*node }, 1);
    }
}

/// Steps 0 and 1 in one walk: moves the suspects of generations `0..=generation`, and every
/// member of those generations they reach, into `closure`, and runs `subtract_refs`' step
/// on each (flagged COLLECTING, `gc_refs` in the back link, ARMED again if its edges are
/// seen). The list is its own queue: each object's children are read once, the new ones
/// filed at the end of the walk (`walk`'s direction), each subtracted as it is met.
/// Returns the closure's length and what its members' edges were.
fn gather_subtracting(
    state: &HeapState,
    generation: usize,
    closure: &Links,
    walk: Walk,
) -> (usize, SetEdges) {
    let mut gather = Gather {
        closure,
        bound: state.ids.bound(generation),
        walk,
        members: 0,
    };
    for gen in &state.gens[..=generation] {
        list::for_each(&gen.suspects, |obj| {
            // SAFETY: list members are live containers.
            gather.take(obj, unsafe { header(obj) }.word.get());
        });
        list::merge(&gen.suspects, closure);
    }
    // The mode holds a reference: a `Gather` inline would make it the largest variant,
    // whose `Walk` the compiler then uses for the mode's tag, read by every child of every
    // pass (+2.7 % instructions on whole scans).
    let mut tracer = Visitor::for_collection(Mode::Gather(&mut gather), state);
    let mut edges = SetEdges::ALL;
    let mut behind: *const Links = closure;
    loop {
        // SAFETY: `behind` is the head or a walked node; its step link is real (filing
        // updates it when it is the last one).
        let node = walk.step(unsafe { &*behind }).get();
        if std::ptr::eq(node, closure) {
            if !tracer.has_pending() {
                break;
            }
            // Children deferred by the prefetching pipeline may still join the closure.
            tracer.flush(closure);
            continue;
        }
        // SAFETY: `node` and the node after it belong to the closure (a member or its head;
        // filing may change a step link while the member is traced: the prefetch is a hint).
        unsafe { prefetch_two_ahead(walk, node) };
        // SAFETY: every node of the closure but its head belongs to a member of the set;
        // `behind` is the node walked before it, as filed.
        edges =
            edges.and(unsafe { subtract_member(obj_of_links(node), behind, &mut tracer, walk) });
        behind = node;
    }
    tracer.end_pass();
    (gather.members, edges)
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
    let walk = state.gens[generation].walk.get().walk;
    let (members, edges) = gather_subtracting(state, generation, &closure, walk);
    let rest = merge_unscanned(state, generation, members);
    let debug = state.debug.get();
    let keep_garbage = debug.bits() & (DebugFlags::SAVEALL | DebugFlags::COLLECTABLE).bits() != 0;
    let unreachable = Links::new();
    list::init(&unreachable);
    let sorting = Sorting {
        state,
        unreachable: &unreachable,
        mark: !keep_garbage,
        walk,
    };
    let scan = move_unreachable_closure(&closure, &sorting);
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
    let walk = state.gens[generation].walk.get().walk;
    gather_subtracting(state, generation, &closure, walk);
    let unreachable = Links::new();
    list::init(&unreachable);
    let sorting = Sorting {
        state,
        unreachable: &unreachable,
        mark: false,
        walk,
    };
    move_unreachable_closure(&closure, &sorting);
    let found = list::len(&unreachable);
    clear_marks(&unreachable);
    let suspects = &state.gens[generation].suspects;
    list::merge(&closure, suspects);
    list::merge(&unreachable, suspects);
    found
}
