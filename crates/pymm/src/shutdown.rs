//! Dropping a heap: finalize and free everything it still tracks.

use crate::header::Links;
use crate::heap::HeapState;
use crate::list;
use crate::teardown::{finalize_garbage, handle_weak_refs, teardown, PanicSlot};

/// Rounds that run finalizers (they may allocate new objects, handled by the next round).
const FINALIZER_ROUNDS: usize = 8;
/// Rounds in all; objects allocated by `Drop` impls after that are left alive.
const MAX_ROUNDS: usize = 64;

/// Runs when the last `Heap` handle is dropped: every tracked object is treated as garbage,
/// whether referenced from outside or not (those become zombies). Untracked objects held
/// from outside stay usable; the state lives until the last block is freed.
pub(crate) fn shut_down(state: &HeapState) {
    state.shut_down.set(true);
    // No collection from now on, and the state stays allocated until we are done.
    state.collecting.set(true);
    let mut panics = PanicSlot::default();
    let garbage = std::mem::take(&mut *state.garbage.borrow_mut());
    let callbacks = std::mem::take(&mut *state.callbacks.borrow_mut());
    panics.guard(|| drop((garbage, callbacks)));
    for round in 0..MAX_ROUNDS {
        let all = Links::new();
        list::init(&all);
        for gen in &state.gens {
            list::merge(&gen.head, &all);
        }
        list::merge(&state.permanent, &all);
        if list::is_empty(&all) {
            break;
        }
        handle_weak_refs(state, &all, &mut panics);
        if round < FINALIZER_ROUNDS {
            finalize_garbage(&all, &mut panics);
        }
        teardown(state, &all, None, &mut panics);
    }
    state.collecting.set(false);
    panics.resume();
}
