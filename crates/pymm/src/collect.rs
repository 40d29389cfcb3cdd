//! The cycle collector (CPython's `Python/gc.c`), phase by phase.
//!
//! Invariants, in the order the phases run on the set `young` (the generation collected
//! merged with every younger one):
//!
//! 1. `update_refs`: every object of `young` is flagged COLLECTING and its `prev` field holds
//!    `gc_refs` = its strong count. The `prev` pointers of `young` are invalid from here
//!    until `move_unreachable` ends; no user code runs in between.
//! 2. `subtract_refs`: `gc_refs` = strong count - references from objects of `young`. An
//!    object whose children could not all be read (busy `RefCell`) gets a huge `gc_refs`, so
//!    it is a root; the children it could not show keep their counts, so they are roots too.
//! 3. `move_unreachable`: objects with `gc_refs > 0` are roots. Afterwards `young` holds
//!    exactly the objects reachable from a root (flags cleared, `prev` pointers restored) and
//!    `unreachable` the rest (flagged COLLECTING | UNREACHABLE). The scan is the list itself
//!    (objects found reachable are appended to `young` and scanned later): no recursion, no
//!    allocation.
//! 4. `handle_weak_refs`: no weak reference to an unreachable object can be upgraded; the
//!    callbacks of live weak handles have run.
//! 5. `finalize_garbage`: every unreachable object with a finalizer has run it, once
//!    (FINALIZED set before the call).
//! 6. `handle_resurrected`: steps 1-3 rerun on the unreachable set alone; whatever a
//!    finalizer made reachable from outside it moves to the old generation.
//! 7. `teardown` (or SAVEALL): every object still unreachable is flagged TORN_DOWN and held
//!    (+1) before any payload is dropped, so user code can never read a dropped payload: a
//!    dereference of a zombie panics; then the holds are released and blocks freed.
//! 8. Survivors of `young` were merged into the next generation (step 3's output).

use std::time::Instant;

use crate::api::{CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::header::{header, links, obj_of_links, Links, COLLECTING, COUNT_MASK, UNREACHABLE};
use crate::heap::{Heap, HeapState};
use crate::list;
use crate::teardown::{finalize_garbage, handle_weak_refs, teardown, PanicSlot};
use crate::trace::{Mode, Tracer};
use crate::GcAny;

/// `gc_refs` of an object whose children could not all be read: it must stay a root even
/// after every reference from the set is subtracted.
const BUSY_REFS: usize = usize::MAX / 2;

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
    for gen in &state.gens[..generation] {
        list::merge(&gen.head, young);
    }
    let old = &state.gens[(generation + 1).min(2)].head;

    let unreachable = Links::new();
    list::init(&unreachable);
    let scan = deduce_unreachable(young, &unreachable);
    promote_survivors(state, generation, young, old, scan.reachable);

    let mut panics = PanicSlot::default();
    let found = if scan.may_finalize || debug.contains(DebugFlags::SAVEALL) {
        dispose_with_user_code(state, &unreachable, old, &mut panics)
    } else {
        // No finalizer can run, so nothing can resurrect: tear down at once (weak
        // references are cleared in the same pass).
        teardown(state, &unreachable, &mut panics)
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
    old: &Links,
    panics: &mut PanicSlot,
) -> usize {
    clear_collecting_flags(unreachable);
    handle_weak_refs(state, unreachable, panics);
    finalize_garbage(unreachable, panics);
    let still_unreachable = Links::new();
    list::init(&still_unreachable);
    handle_resurrected(unreachable, &still_unreachable, old);
    if state.debug.get().contains(DebugFlags::SAVEALL) {
        clear_collecting_flags(&still_unreachable);
        let found = list::len(&still_unreachable);
        save_all(state, &still_unreachable, old);
        found
    } else {
        teardown(state, &still_unreachable, panics)
    }
}

/// What `move_unreachable` saw.
struct Scan {
    /// Objects left in `young` (reachable).
    reachable: usize,
    /// Whether an object with a finalizer was (at least tentatively) unreachable.
    may_finalize: bool,
}

/// Steps 1-3. Unreachable objects end in `unreachable`, still flagged
/// COLLECTING | UNREACHABLE.
fn deduce_unreachable(young: &Links, unreachable: &Links) -> Scan {
    update_refs(young);
    subtract_refs(young);
    move_unreachable(young, unreachable)
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
    let mut tracer = Tracer::new(Mode::Subtract);
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
fn move_unreachable(young: &Links, unreachable: &Links) -> Scan {
    let mut reachable = 0;
    let mut may_finalize = false;
    let mut prev: *const Links = young;
    let mut node = young.next.get();
    while !std::ptr::eq(node, young) {
        // SAFETY: `node` is a member of `young`.
        let obj = unsafe { obj_of_links(node) };
        // SAFETY: live container.
        let (h, l) = unsafe { (header(obj), &*node) };
        if l.refs() > 0 {
            let mut tracer = Tracer::new(Mode::Reach { young });
            // SAFETY: live container; tracing only reads the payload.
            unsafe { (h.vtable.trace)(obj, &mut tracer) };
            l.prev.set(prev);
            h.word.set(h.word.get() & !COLLECTING);
            prev = node;
            reachable += 1;
        } else {
            // Tentatively unreachable: unlink (singly: `prev` fields are scratch here).
            // SAFETY: `prev` is the head or an already scanned member.
            unsafe { (*prev).next.set(l.next.get()) };
            // SAFETY: `node` is a live container's links, now in no list.
            unsafe { list::append(node, unreachable) };
            h.word.set(h.word.get() | UNREACHABLE);
            may_finalize |= h.vtable.finalize.is_some();
        }
        // SAFETY: `prev` is live; its `next` is the following unscanned node.
        node = unsafe { (*prev).next.get() };
    }
    young.prev.set(prev);
    Scan {
        reachable,
        may_finalize,
    }
}

fn clear_collecting_flags(list_head: &Links) {
    list::for_each(list_head, |obj| {
        // SAFETY: live container.
        let h = unsafe { header(obj) };
        h.word.set(h.word.get() & !(COLLECTING | UNREACHABLE));
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

/// Step 6: what a finalizer made reachable again survives (moved to `old`).
fn handle_resurrected(unreachable: &Links, still_unreachable: &Links, old: &Links) {
    deduce_unreachable(unreachable, still_unreachable);
    list::merge(unreachable, old);
}

/// DEBUG_SAVEALL: the garbage is kept alive in `gc.garbage` instead of being freed.
fn save_all(state: &HeapState, garbage_list: &Links, old: &Links) {
    let mut saved = Vec::new();
    list::for_each(garbage_list, |obj| saved.push(GcAny::from_obj_cloned(obj)));
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
