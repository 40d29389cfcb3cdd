//! The cycle collector (CPython's `Python/gc.c`), phase by phase.
//!
//! Invariants, in the order the phases run on the set `young` (the generation collected
//! merged with every younger one; membership is the list id in the header word, so no
//! pass is needed to set the set up: the set's ids are a run that ends with the youngest,
//! see `heap::gen_ids`):
//!
//! 1. `reach::subtract_refs`: every member carries a scratch count (in one of its links)
//!    = its strong count - references from members; strong counts are never changed, so
//!    nothing has to be put back afterwards. A member whose children could not all be read
//!    (busy `RefCell`) is a root; the children it could not show keep their counts, so they
//!    are roots too.
//! 2. `reach::move_unreachable`: members with a scratch count above zero are roots. The
//!    walk goes the way that moved fewer objects out and back last time (`walk`).
//!    Afterwards `young` holds exactly the members reachable from a root, and `unreachable` the rest, each one already marked for the
//!    teardown (TORN_DOWN, held +1) unless the debug flags keep garbage. No user code has
//!    run since step 1. Survivors are then merged into the next generation (step 8), and
//!    the set's ids now map to it: what a finalizer resurrects is in it already.
//! 3. If no unreachable object has a finalizer (and no debug flag keeps or lists garbage),
//!    nothing can resurrect: the teardown (step 7) follows at once, weak references
//!    cleared first when some unreachable object had any. Otherwise the marks are cleared
//!    (counts exact, no flag left) before any user code runs, and steps 4-7 follow:
//! 4. `handle_weak_refs`: no weak reference to an unreachable object can be upgraded; the
//!    callbacks of live weak handles have run.
//! 5. `finalize_garbage`: every unreachable object with a finalizer has run it, once
//!    (FINALIZED set before the call).
//! 6. `handle_resurrected`: the same algorithm (`recheck`) reruns on the unreachable set
//!    alone; whatever a finalizer made reachable moves to the old generation.
//! 7. `teardown` (or SAVEALL): every object still unreachable is marked TORN_DOWN and held
//!    (+1) before any payload is dropped, so user code can never read a dropped payload: a
//!    dereference of a zombie panics. Then each payload is dropped and its hold released,
//!    freeing the block when no handle is left (others stay zombies until their last
//!    handle goes).
//! 8. Survivors of `young` join the next generation (their ids renamed after step 2).
//!
//! # When a collection does not scan
//!
//! A set made only of objects whose types have `Trace::FIXED_EDGES` cannot hold a cycle,
//! so it holds no garbage, nor can a set of objects with seen edges in which no event (a
//! barriered write, a decrement to a non-zero count) happened since a full scan found
//! nothing: such a collection skips steps 1-7 and does the rest as one that found nothing
//! (`unchanged`, which states the invariants and why candidate roots alone, a dirty flag
//! on decrements, would miss garbage in Rust). A set of such objects in which events
//! happened scans only the closure of their objects, its suspects (`suspects`). Any other
//! set is scanned whole, made
//! cheap instead: two passes, no allocation, prefetching (`pipeline`), and the walk
//! direction chosen by what the last collection cost (`walk`).
//!
//! The commonest of the skipped collections, a full one of a heap nothing changed since a
//! collection verified it (generations 0 and 1 empty, generation 2 skipped, its length
//! known), is decided first and inline (`collect_unchanged_heap`), before the collecting
//! flag, the heap handle held for callbacks, the panic slot and the phases: when no
//! callback is registered and no debug flag set, all it has left to do is what the `gc`
//! API shows (the counts reset, the long-lived counts, the statistics), about 50
//! instructions from `Heap::thread_default().collect(2)` and back.

use std::time::Instant;

use crate::collector::reach::{clear_marks, move_unreachable, subtract_refs, Scan, Sorting};
use crate::collector::recheck::recheck_unreachable;
use crate::collector::suspects::{collect_suspects, covers, dry_run, young_to_suspects};
use crate::collector::teardown::{finalize_garbage, handle_weak_refs, teardown, teardown_marked};
use crate::collector::unchanged::{
    after_scan, check_in_stress_mode, gen_len, merge_lens, needs_no_scan, note_torn_down,
    sort_unscanned, younger_are_empty, Found,
};
use crate::collector::validate::validate_in_stress_mode;
use crate::heap::config::{CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::heap::gen_ids::make_room;
use crate::heap::unraisable::{PanicSlot, UserCode};
use crate::heap::weak_table::run_weak_callbacks;
use crate::heap::{Heap, HeapState};
use crate::object::header::{retain, vtable_of, Links};
use crate::object::list;

/// CPython's `gc_collect_generations`: the automatic collection after an allocation.
/// `None` when no generation is due. Out of line, so that the allocation path's call with
/// automatic collections disabled keeps a small frame.
#[inline(never)]
pub(crate) fn collect_generations(state: &HeapState) -> Option<usize> {
    for i in (0..3).rev() {
        if state.count(i) > state.gens[i].threshold.get() {
            // The 25% rule: a full collection only when enough objects await one.
            if i == 2 && state.long_lived_pending.get() < state.long_lived_total.get() / 4 {
                continue;
            }
            return Some(collect_with_callback(state, i, Caller::Automatic));
        }
    }
    None
}

/// Clears `collecting` even if a callback or finalizer panics.
struct CollectingGuard<'a>(&'a HeapState);

impl Drop for CollectingGuard<'_> {
    fn drop(&mut self) {
        self.0.collecting.set(false);
        self.0.disposing.set(false);
    }
}

/// Who asked for a collection, and so who receives the panics of the user code it runs
/// (see `unraisable`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caller {
    /// `Heap::collect` or a heap's shutdown: the first panic reaches the caller.
    Explicit,
    /// An allocation, or a thread's exit: every panic goes to the unraisable hook.
    Automatic,
}

/// One collection with the `gc.callbacks` around it; returns the unreachable objects found.
/// Does nothing (returns 0) while a collection is already running. Every phase runs to its
/// end whatever user code does; panics are then handed on as `caller` says.
///
/// A full collection of a heap nothing changed since one verified it is decided first
/// and done in place ([`collect_unchanged_heap`]). Out of line: the automatic collections'
/// callers keep their frames small; `Heap::collect` makes the same decision inline.
#[inline(never)]
pub(crate) fn collect_with_callback(state: &HeapState, generation: usize, caller: Caller) -> usize {
    collect_deciding_first(state, generation, caller)
}

/// [`collect_with_callback`] inline, for an explicit collection (`Heap::collect`): a
/// collection of an unchanged heap costs no call.
#[inline]
pub(crate) fn collect_explicit(state: &HeapState, generation: usize) -> usize {
    collect_deciding_first(state, generation, Caller::Explicit)
}

/// The body of both entries: an unchanged heap's full collection done in place, any other
/// collection run by its phases.
#[inline(always)]
fn collect_deciding_first(state: &HeapState, generation: usize, caller: Caller) -> usize {
    if generation == 2 && collect_unchanged_heap(state) {
        return 0;
    }
    collect_reporting(state, generation, caller)
}

/// A full collection when nothing it would do can be seen but the counts and statistics:
/// `true` if it was done here (it found nothing). Its conditions:
///
/// * no collection is running (else it returns 0 without counting, in the caller);
/// * no `gc.callbacks` entry (they run at the start and the stop of every collection, as
///   CPython's do, skipped or not), no debug flag (`DEBUG_STATS` prints every collection),
///   not stress mode (which scans what it could skip);
/// * generations 0 and 1 empty (both lists) and no pending young suspects: the collection
///   merges nothing, so no list, id or generation bit changes (their ids need no renaming:
///   no tracked container carries them, tracked meaning linked outside a collection);
/// * generation 2 needs no scan (`unchanged::needs_no_scan`) and its length is known.
///
/// What such a collection does is then what a skipped one does after `sort_unscanned`
/// returned the known length at once: the counts reset (CPython's `gc_collect_main`),
/// the long-lived counts of the 25% rule, one collection in generation 2's statistics.
#[inline]
fn collect_unchanged_heap(state: &HeapState) -> bool {
    let Some(members) = state.known_old_len() else {
        return false;
    };
    if state.collecting.get()
        || state.stress.get()
        || state.young_suspects.get()
        || state.debug.get().bits() != 0
        || !needs_no_scan(state, 2)
        || !younger_are_empty(state)
        || !state
            .callbacks
            .try_borrow()
            .is_ok_and(|callbacks| callbacks.is_empty())
    {
        return false;
    }
    for gen in 0..3 {
        state.set_count(gen, 0);
    }
    state.long_lived_pending.set(0);
    state.long_lived_total.set(members);
    record_stats(state, 2, 0);
    true
}

/// [`collect_with_callback`] once the collection is known to run its phases.
#[inline(never)]
fn collect_reporting(state: &HeapState, generation: usize, caller: Caller) -> usize {
    let mut panics = PanicSlot::default();
    let collected = collect_with_panics(state, generation, &mut panics);
    if panics.is_empty() {
        // An empty slot owns nothing (later panics are only kept once there is a first):
        // forgetting it skips drop glue that is a quarter of a skipped collection's cost.
        std::mem::forget(panics);
    } else {
        match caller {
            Caller::Explicit => panics.resume(state),
            Caller::Automatic => panics.report(state),
        }
    }
    collected
}

/// [`collect_with_callback`], keeping the panics of user code in `panics`.
pub(crate) fn collect_with_panics(
    state: &HeapState,
    generation: usize,
    panics: &mut PanicSlot,
) -> usize {
    if state.collecting.get() {
        return 0;
    }
    // SAFETY: the caller keeps the state alive; this handle keeps it alive across user code
    // (and is the one callbacks receive).
    let hold = unsafe { Heap::from_state(state) };
    let collected = {
        state.collecting.set(true);
        let _guard = CollectingGuard(state);
        let start = CallbackInfo {
            generation,
            collected: 0,
            uncollectable: 0,
        };
        invoke_callbacks(&hold, CallbackPhase::Start, &start, panics);
        let collected = collect_main(state, generation, panics);
        let stop = CallbackInfo { collected, ..start };
        invoke_callbacks(&hold, CallbackPhase::Stop, &stop, panics);
        collected
    };
    // Never the last handle: every caller holds one of its own.
    drop(hold);
    collected
}

/// Calls every registered callback; callbacks may add or remove callbacks meanwhile. A
/// panicking callback stays registered; the others still run. Inline: most heaps have
/// none, and a collection that skips its scan is otherwise a few dozen instructions.
#[inline]
fn invoke_callbacks(
    heap: &Heap,
    phase: CallbackPhase,
    info: &CallbackInfo,
    panics: &mut PanicSlot,
) {
    if !heap.state().callbacks.borrow().is_empty() {
        run_callbacks(heap, phase, info, panics);
    }
}

/// [`invoke_callbacks`] when some callback is registered.
#[inline(never)]
fn run_callbacks(heap: &Heap, phase: CallbackPhase, info: &CallbackInfo, panics: &mut PanicSlot) {
    let state = heap.state();
    let mut running = std::mem::take(&mut *state.callbacks.borrow_mut());
    for (_, callback) in running.iter_mut() {
        panics.guard(UserCode::GcCallback, None, || callback(heap, phase, info));
    }
    let mut registered = state.callbacks.borrow_mut();
    let added = std::mem::take(&mut *registered);
    running.retain(|(id, _)| !state.removed_callbacks.borrow().contains(id));
    state.removed_callbacks.borrow_mut().clear();
    running.extend(added);
    *registered = running;
}

/// CPython's `gc_collect_main`: collects `generation` and every younger one.
fn collect_main(state: &HeapState, generation: usize, panics: &mut PanicSlot) -> usize {
    // The mode is tested here so that a collection that skips its scan pays one load for
    // it, not a call.
    if state.stress.get() {
        validate_in_stress_mode(state, generation, "before");
    }
    let debug = state.debug.get();
    let started = debug.contains(DebugFlags::STATS).then(|| {
        print_stats_header(state, generation);
        Instant::now()
    });
    if generation + 1 < 3 {
        state.set_count(generation + 1, state.count(generation + 1) + 1);
    }
    for gen in 0..=generation {
        state.set_count(gen, 0);
    }
    let old_gen = (generation + 1).min(2);
    young_to_suspects(state);
    make_room(state);
    let unchanged = needs_no_scan(state, generation);
    let partial = !unchanged && covers(state, generation);
    let found = if unchanged && !state.stress.get() {
        let members = sort_unscanned(state, generation, old_gen);
        let young = &state.gens[generation].head;
        promote_survivors(state, generation, young, &state.gens[old_gen].head, members);
        if generation == 2 {
            // Exact, walked if it was not known.
            state.old_len.set(members);
        }
        0
    } else if partial && !state.stress.get() {
        collect_suspects(state, generation, old_gen, panics)
    } else {
        // Stress mode scans the sets it could skip or scan in part too, and checks they
        // held nothing, or what the scan of the suspects' closure found.
        check_in_stress_mode(state, generation);
        let expected = if unchanged {
            Some(0)
        } else {
            partial.then(|| dry_run(state, generation))
        };
        collect_scanning(state, generation, old_gen, panics, expected)
    };
    record_stats(state, generation, found);
    if state.stress.get() {
        validate_in_stress_mode(state, generation, "after");
    }
    if let Some(started) = started {
        eprintln!(
            "gc: done, {found} unreachable, 0 uncollectable, {:.4}s elapsed",
            started.elapsed().as_secs_f64()
        );
    }
    found
}

/// Steps 1-8 on the whole set: returns the number of unreachable objects found, which
/// must be `expected` (stress mode) if given.
fn collect_scanning(
    state: &HeapState,
    generation: usize,
    old_gen: usize,
    panics: &mut PanicSlot,
    expected: Option<usize>,
) -> usize {
    let young = &state.gens[generation].head;
    // Younger generations join the set as they are: their ids are in the set's run.
    // So do the suspects; a younger collection's survivors stay suspects if there were
    // any (see `suspects`).
    let mut had_suspects = false;
    for gen in &state.gens[..=generation] {
        had_suspects |= !list::is_empty(&gen.suspects);
        list::merge(&gen.suspects, young);
        if !std::ptr::eq(gen, &state.gens[generation]) {
            list::merge(&gen.head, young);
        }
    }
    let old = &state.gens[old_gen].head;
    let joined = if had_suspects && generation < 2 {
        &state.gens[old_gen].suspects
    } else {
        old
    };

    let unreachable = Links::new();
    list::init(&unreachable);
    let debug = state.debug.get();
    let keep_garbage = debug.bits() & (DebugFlags::SAVEALL | DebugFlags::COLLECTABLE).bits() != 0;
    let walk = state.gens[generation].walk.get().walk;
    let edges = subtract_refs(state, young, state.ids.bound(generation), walk);
    let sorting = Sorting {
        state,
        unreachable: &unreachable,
        mark: !keep_garbage,
        walk,
    };
    let scan = move_unreachable(young, &sorting);
    if let Some(expected) = expected {
        let found = list::len(&unreachable);
        assert_eq!(
            found, expected,
            "pymm: a collection that scans less than its whole set (none: it needs no \
             scan) would have found {expected} unreachable objects, not {found}"
        );
    }
    choose_walk(state, generation, &scan);
    promote_survivors(state, generation, young, joined, scan.reachable);
    let found = found_of(&unreachable, &scan, keep_garbage);
    after_scan(state, generation, old_gen, edges, scan.reachable, found);
    dispose(
        state,
        &unreachable,
        &scan,
        keep_garbage,
        (old, old_gen),
        panics,
    )
}

/// What the reach that left `unreachable` found (see `unchanged::Found`): [`dispose`]
/// tears it down at once unless an object may have a finalizer or the debug flags keep it.
pub(crate) fn found_of(unreachable: &Links, scan: &Scan, keep_garbage: bool) -> Found {
    if list::is_empty(unreachable) {
        Found::Nothing
    } else if scan.may_finalize || keep_garbage {
        Found::UserCode
    } else {
        Found::TornDown
    }
}

/// Steps 3-7 on the unreachable list a reach left (survivors already joined their
/// generation): returns the number of unreachable objects found.
pub(crate) fn dispose(
    state: &HeapState,
    unreachable: &Links,
    scan: &Scan,
    keep_garbage: bool,
    (old, old_gen): (&Links, usize),
    panics: &mut PanicSlot,
) -> usize {
    if scan.may_finalize || keep_garbage {
        // Counts are exact (never changed) and the ids renamed: user code may run once the
        // marks are cleared.
        clear_marks(unreachable);
        dispose_with_user_code(state, unreachable, old, panics)
    } else {
        // No finalizer can run, so nothing can resurrect: tear down at once.
        let found = teardown_marked(state, unreachable, scan.has_weak, panics);
        note_torn_down(state, old_gen, found);
        found
    }
}

/// Steps 4-7 when finalizers may run (or SAVEALL keeps the garbage): returns the number
/// of unreachable objects found.
fn dispose_with_user_code(
    state: &HeapState,
    unreachable: &Links,
    old: &Links,
    panics: &mut PanicSlot,
) -> usize {
    // The unreachable objects are unflagged while user code runs: events clear their
    // generation's `covered` bit instead of moving objects (see `suspects`).
    state.disposing.set(true);
    let traced_callbacks = handle_weak_refs(state, unreachable, panics);
    finalize_garbage(unreachable, panics);
    let still_unreachable = Links::new();
    list::init(&still_unreachable);
    handle_resurrected(state, unreachable, &still_unreachable, old);
    if state.debug.get().contains(DebugFlags::COLLECTABLE) {
        print_collectable(&still_unreachable);
    }
    let found = if state.debug.get().contains(DebugFlags::SAVEALL) {
        let found = list::len(&still_unreachable);
        save_all(state, &still_unreachable, old);
        found
    } else {
        teardown(state, &still_unreachable, panics)
    };
    run_weak_callbacks(state, traced_callbacks, panics);
    state.disposing.set(false);
    found
}

/// The direction of the next walk of `generation` (see `walk::WalkChoice`).
fn choose_walk(state: &HeapState, generation: usize, scan: &Scan) {
    let choice = &state.gens[generation].walk;
    choice.set(choice.get().after(scan.brought_back, scan.reachable));
}

/// Step 6: what a finalizer made reachable again survives (moved to `old`).
fn handle_resurrected(
    state: &HeapState,
    unreachable: &Links,
    still_unreachable: &Links,
    old: &Links,
) {
    recheck_unreachable(state, unreachable, still_unreachable);
    list::merge(unreachable, old);
}

/// DEBUG_SAVEALL: the garbage is kept alive in `gc.garbage` instead of being freed.
fn save_all(state: &HeapState, garbage_list: &Links, old: &Links) {
    let mut saved = Vec::new();
    list::for_each(garbage_list, |obj| {
        // SAFETY: a member of the garbage list is allocated; the count taken is the saved
        // garbage's (see `HeapState::garbage`).
        unsafe { retain(obj) };
        saved.push(obj);
    });
    // Their ids are the old generation's already.
    list::merge(garbage_list, old);
    state.garbage.borrow_mut().extend(saved);
}

fn record_stats(state: &HeapState, generation: usize, found: usize) {
    let cell = &state.stats[generation];
    let s = cell.get();
    cell.set(GenerationStats {
        collections: s.collections + 1,
        collected: s.collected + found,
        uncollectable: s.uncollectable,
    });
}

/// Step 8 and CPython's long-lived bookkeeping for the 25% rule: survivors join the next
/// generation, their ids (and those of objects still on the collector's lists) map to it
/// from now on, and generation 0 starts with a fresh id and no member. Runs before any
/// user code of the collection.
pub(crate) fn promote_survivors(
    state: &HeapState,
    generation: usize,
    young: &Links,
    old: &Links,
    reachable: usize,
) {
    if generation < 2 {
        if generation == 1 {
            let pending = &state.long_lived_pending;
            pending.set(pending.get() + reachable);
        }
        list::merge(young, old);
    } else {
        state.long_lived_pending.set(0);
        state.long_lived_total.set(reachable);
    }
    merge_lens(state, generation);
    state.ids.merged(generation);
}

/// DEBUG_COLLECTABLE: CPython's `gc: collectable <type address>` line per object found
/// (the type is the Rust payload type).
fn print_collectable(garbage: &Links) {
    list::for_each(garbage, |obj| {
        // SAFETY: live container; only its vtable and address are read.
        let name = (unsafe { vtable_of(obj) }.type_name)();
        // SAFETY: computing the payload address reads nothing.
        let addr = unsafe { crate::object::header::payload_addr(obj) };
        eprintln!("gc: collectable <{name} {addr:p}>");
    });
}

/// CPython 3.11's DEBUG_STATS lines at the start of a collection.
fn print_stats_header(state: &HeapState, generation: usize) {
    let sizes: Vec<String> = state
        .gens
        .iter()
        .enumerate()
        .map(|(gen, _)| gen_len(state, gen).to_string())
        .collect();
    eprintln!("gc: collecting generation {generation}...");
    eprintln!("gc: objects in each generation: {}", sizes.join(" "));
    eprintln!(
        "gc: objects in permanent generation: {}",
        list::len(&state.permanent)
    );
}
