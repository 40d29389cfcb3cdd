//! The cycle collector (CPython's `Python/gc.c`), phase by phase.
//!
//! Invariants, in the order the phases run on the set `young` (the generation collected
//! merged with every younger one; membership is the generation tag in the header word, so
//! no pass is needed to set the set up):
//!
//!    Younger generations are merged without retagging (their tags are lower); survivors
//!    are retagged by `move_unreachable` (to the collected generation) and, for a young
//!    collection, by `promote_survivors` (to the next one).
//! 1. `subtract_refs`: every reference from a member to a member has been subtracted from
//!    the target's strong count, in place (CPython copies the counts first; pymm restores
//!    them instead, in passes it makes anyway). An object whose children could not all be
//!    read (busy `RefCell`) is flagged BUSY, a root; the children it could not show keep
//!    their counts, so they are roots too. No user code runs until the counts are restored.
//! 2. `move_unreachable`: members with a count above zero (or BUSY) are roots. Scanning a
//!    reachable member restores its children's counts. Afterwards `young` holds exactly the
//!    members reachable from a root, with exact counts except for references coming from
//!    garbage, and `unreachable` the rest (flagged UNREACHABLE). The scan is the list itself
//!    (objects found reachable are appended to `young` and scanned later): no recursion, no
//!    allocation.
//! 3. `restore_garbage_counts` (or the first pass of `teardown`): the garbage's references
//!    are added back; every count is exact again.
//! 4. `handle_weak_refs`: no weak reference to an unreachable object can be upgraded; the
//!    callbacks of live weak handles have run.
//! 5. `finalize_garbage`: every unreachable object with a finalizer has run it, once
//!    (FINALIZED set before the call).
//! 6. `handle_resurrected`: CPython's algorithm (scratch counts, see `recheck`) reruns on the
//!    unreachable set alone; whatever a finalizer made reachable moves to the old generation.
//!    Steps 4-6 only run when an unreachable object has a finalizer (or SAVEALL is on): with
//!    no user code, nothing can resurrect.
//! 7. `teardown` (or SAVEALL): every object still unreachable is flagged TORN_DOWN and held
//!    (+1) before any payload is dropped, so user code can never read a dropped payload: a
//!    dereference of a zombie panics; then the holds are released and blocks freed.
//! 8. Survivors of `young` are retagged and merged into the next generation.

use std::time::Instant;

use crate::api::{CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::header::{
    header, obj_of_links, retag_list, with_gen, Links, BUSY, COUNT_MASK, UNREACHABLE,
};
use crate::heap::{Heap, HeapState};
use crate::list;
use crate::recheck::recheck_unreachable;
use crate::teardown::{finalize_garbage, handle_weak_refs, teardown, PanicSlot};
use crate::trace::{Mode, Tracer};
use crate::GcAny;

/// CPython's `gc_collect_generations`: the automatic collection after an allocation.
/// `None` when no generation is due.
pub(crate) fn collect_generations(state: &HeapState) -> Option<usize> {
    for i in (0..3).rev() {
        let gen = &state.gens[i];
        if gen.count.get() > gen.threshold.get() {
            // The 25% rule: a full collection only when enough objects await one.
            if i == 2 && state.long_lived_pending.get() < state.long_lived_total.get() / 4 {
                continue;
            }
            return Some(collect_with_callback(state, i));
        }
    }
    None
}

/// Clears `collecting` even if a callback or finalizer panics.
struct CollectingGuard<'a>(&'a HeapState);

impl Drop for CollectingGuard<'_> {
    fn drop(&mut self) {
        self.0.collecting.set(false);
    }
}

/// One collection with the `gc.callbacks` around it; returns the unreachable objects found.
/// Does nothing (returns 0) while a collection is already running.
pub(crate) fn collect_with_callback(state: &HeapState, generation: usize) -> usize {
    if state.collecting.get() {
        return 0;
    }
    // SAFETY: the caller keeps the state alive; this handle keeps it alive across user code.
    let _hold = unsafe { Heap::from_state(state) };
    state.collecting.set(true);
    let _guard = CollectingGuard(state);
    let start = CallbackInfo {
        generation,
        collected: 0,
        uncollectable: 0,
    };
    invoke_callbacks(state, CallbackPhase::Start, &start);
    let collected = collect_main(state, generation);
    let stop = CallbackInfo { collected, ..start };
    invoke_callbacks(state, CallbackPhase::Stop, &stop);
    collected
}

/// Calls every registered callback; callbacks may add or remove callbacks meanwhile.
fn invoke_callbacks(state: &HeapState, phase: CallbackPhase, info: &CallbackInfo) {
    if state.callbacks.borrow().is_empty() {
        return;
    }
    let mut running = std::mem::take(&mut *state.callbacks.borrow_mut());
    for (_, callback) in running.iter_mut() {
        callback(phase, info);
    }
    let mut registered = state.callbacks.borrow_mut();
    let added = std::mem::take(&mut *registered);
    running.retain(|(id, _)| !state.removed_callbacks.borrow().contains(id));
    state.removed_callbacks.borrow_mut().clear();
    running.extend(added);
    *registered = running;
}

/// CPython's `gc_collect_main`: collects `generation` and every younger one.
fn collect_main(state: &HeapState, generation: usize) -> usize {
    let debug = state.debug.get();
    let started = debug.contains(DebugFlags::STATS).then(|| {
        print_stats_header(state, generation);
        Instant::now()
    });
    if generation + 1 < 3 {
        let next = &state.gens[generation + 1].count;
        next.set(next.get() + 1);
    }
    for gen in &state.gens[..=generation] {
        gen.count.set(0);
    }
    let young = &state.gens[generation].head;
    // Younger generations join the set as they are: their tags are below `generation`.
    for gen in &state.gens[..generation] {
        list::merge(&gen.head, young);
    }
    let old_gen = (generation + 1).min(2);
    let old = &state.gens[old_gen].head;

    let unreachable = Links::new();
    list::init(&unreachable);
    let scan = deduce_unreachable(young, &unreachable, generation);
    let mut panics = PanicSlot::default();
    let slow = DebugFlags::SAVEALL | DebugFlags::COLLECTABLE;
    let found = if scan.may_finalize || debug.bits() & slow.bits() != 0 {
        // Counts exact again (survivors still carry their tags) before any user code runs.
        restore_garbage_counts(&unreachable, generation);
        promote_survivors(state, generation, young, old, scan.reachable);
        dispose_with_user_code(state, &unreachable, (old, old_gen), &mut panics)
    } else {
        // No finalizer can run, so nothing can resurrect: tear down at once. The teardown
        // restores the garbage's counts before marking (while the survivors still carry
        // their generation tags), and clears weak references in the same pass.
        let found = teardown(state, &unreachable, Some(generation), &mut panics);
        promote_survivors(state, generation, young, old, scan.reachable);
        found
    };
    record_stats(state, generation, found);
    if let Some(started) = started {
        eprintln!(
            "gc: done, {found} unreachable, 0 uncollectable, {:.4}s elapsed",
            started.elapsed().as_secs_f64()
        );
    }
    panics.resume();
    found
}

/// Steps 4-7 when finalizers may run (or SAVEALL keeps the garbage): returns the number
/// of unreachable objects found.
fn dispose_with_user_code(
    state: &HeapState,
    unreachable: &Links,
    (old, old_gen): (&Links, usize),
    panics: &mut PanicSlot,
) -> usize {
    handle_weak_refs(state, unreachable, panics);
    finalize_garbage(unreachable, panics);
    let still_unreachable = Links::new();
    list::init(&still_unreachable);
    handle_resurrected(unreachable, &still_unreachable, old, old_gen);
    if state.debug.get().contains(DebugFlags::COLLECTABLE) {
        print_collectable(&still_unreachable);
    }
    if state.debug.get().contains(DebugFlags::SAVEALL) {
        let found = list::len(&still_unreachable);
        save_all(state, &still_unreachable, old, old_gen);
        found
    } else {
        teardown(state, &still_unreachable, None, panics)
    }
}

/// What `move_unreachable` saw.
struct Scan {
    /// Objects left in `young` (reachable).
    reachable: usize,
    /// Whether an object with a finalizer was (at least tentatively) unreachable.
    may_finalize: bool,
}

/// Steps 1-2. Unreachable objects end in `unreachable`, flagged UNREACHABLE, their counts
/// (and those of reachable objects they refer to) still lowered by their references:
/// [`restore_garbage_counts`] (or the teardown) puts them back before any user code runs.
fn deduce_unreachable(young: &Links, unreachable: &Links, gen: usize) -> Scan {
    subtract_refs(young, gen);
    move_unreachable(young, unreachable, gen)
}

/// Step 1: every reference from inside the set is subtracted from the count of its target,
/// in place (no copy of the counts, no pass to set them up: membership is the generation
/// tag). A busy object is flagged BUSY: a root.
fn subtract_refs(young: &Links, gen: usize) {
    let mut tracer = Tracer::new(Mode::Subtract { gen });
    list::for_each(young, |obj| {
        tracer.busy = false;
        // SAFETY: live container; tracing only reads the payload.
        unsafe { (header(obj).vtable.trace)(obj, &mut tracer) };
        if tracer.busy {
            // SAFETY: live container.
            let h = unsafe { header(obj) };
            h.word.set(h.word.get() | BUSY);
        }
    });
}

/// Step 2: objects whose count is still above zero (or BUSY) are roots. Scanning a
/// reachable object gives its children their subtracted count back, which is also how a
/// child learns it is reachable: a child scanned later sees a count above zero; one already
/// moved to `unreachable` is moved back to the tail of `young`, to be scanned there.
fn move_unreachable(young: &Links, unreachable: &Links, gen: usize) -> Scan {
    let mut scan = Scan {
        reachable: 0,
        may_finalize: false,
    };
    let mut node = young.next.get();
    while !std::ptr::eq(node, young) {
        // SAFETY: `node` is a member of `young`, a live container.
        let obj = unsafe { obj_of_links(node) };
        // SAFETY: as above.
        let h = unsafe { header(obj) };
        let word = h.word.get();
        if word & (COUNT_MASK | BUSY) != 0 {
            // Retag to the collected generation while we are here (still in the set); a
            // full collection needs no other retagging pass.
            h.word.set(with_gen(word & !BUSY, gen));
            let mut tracer = Tracer::new(Mode::Reach { gen, young });
            // SAFETY: live container; tracing only reads the payload.
            unsafe { (h.vtable.trace)(obj, &mut tracer) };
            scan.reachable += 1;
            // Read after the trace: it may have appended to `young` behind `node`.
            // SAFETY: `node` is still a member of `young`.
            node = unsafe { (*node).next.get() };
        } else {
            // SAFETY: as above.
            let next = unsafe { (*node).next.get() };
            // SAFETY: a member of the well-formed `young` list.
            unsafe { list::move_to(node, unreachable) };
            h.word.set(word | UNREACHABLE);
            scan.may_finalize |= h.vtable.finalize.is_some();
            node = next;
        }
    }
    scan
}

/// Gives back the counts the garbage's own references were subtracted from (garbage is not
/// scanned by `move_unreachable`), and clears UNREACHABLE.
fn restore_garbage_counts(unreachable: &Links, gen: usize) {
    let mut tracer = Tracer::new(Mode::Restore { gen });
    list::for_each(unreachable, |obj| {
        // SAFETY: live container; tracing only reads the payload.
        unsafe { (header(obj).vtable.trace)(obj, &mut tracer) };
    });
    list::for_each(unreachable, |obj| {
        // SAFETY: live container.
        let h = unsafe { header(obj) };
        h.word.set(h.word.get() & !UNREACHABLE);
    });
}

/// Step 6: what a finalizer made reachable again survives (moved to `old`).
fn handle_resurrected(unreachable: &Links, still_unreachable: &Links, old: &Links, old_gen: usize) {
    recheck_unreachable(unreachable, still_unreachable);
    retag_list(unreachable, old_gen);
    list::merge(unreachable, old);
}

/// DEBUG_SAVEALL: the garbage is kept alive in `gc.garbage` instead of being freed.
fn save_all(state: &HeapState, garbage_list: &Links, old: &Links, old_gen: usize) {
    let mut saved = Vec::new();
    list::for_each(garbage_list, |obj| saved.push(GcAny::from_obj_cloned(obj)));
    retag_list(garbage_list, old_gen);
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

/// Step 8 and CPython's long-lived bookkeeping for the 25% rule.
fn promote_survivors(
    state: &HeapState,
    generation: usize,
    young: &Links,
    old: &Links,
    reachable: usize,
) {
    if generation < 2 {
        retag_list(young, generation + 1);
        if generation == 1 {
            let pending = &state.long_lived_pending;
            pending.set(pending.get() + reachable);
        }
        list::merge(young, old);
    } else {
        state.long_lived_pending.set(0);
        state.long_lived_total.set(reachable);
    }
}

/// DEBUG_COLLECTABLE: CPython's `gc: collectable <type address>` line per object found
/// (the type is the Rust payload type).
fn print_collectable(garbage: &Links) {
    list::for_each(garbage, |obj| {
        // SAFETY: live container; only its vtable and address are read.
        let name = (unsafe { header(obj) }.vtable.type_name)();
        // SAFETY: computing the payload address reads nothing.
        let addr = unsafe { crate::header::payload::<()>(obj) };
        eprintln!("gc: collectable <{name} {addr:p}>");
    });
}

/// CPython 3.11's DEBUG_STATS lines at the start of a collection.
fn print_stats_header(state: &HeapState, generation: usize) {
    let sizes: Vec<String> = state
        .gens
        .iter()
        .map(|g| list::len(&g.head).to_string())
        .collect();
    eprintln!("gc: collecting generation {generation}...");
    eprintln!("gc: objects in each generation: {}", sizes.join(" "));
    eprintln!(
        "gc: objects in permanent generation: {}",
        list::len(&state.permanent)
    );
}
