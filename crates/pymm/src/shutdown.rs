//! Dropping the last handle of a heap.
//!
//! Everything unreachable is finalized and freed, by full collections repeated while they
//! find garbage (finalizers and `Drop` impls may create more). Objects still referenced from
//! outside (a `Gc` held by the program, or a `RefCell` borrowed) are *not* torn down: code
//! may hold `&T` borrows into them, which a teardown would invalidate. They stay alive and
//! usable, dropped by reference counting when their last handle goes (cycles among them
//! leak, as with `Rc`, unless a handle to the heap is taken again and collects them); the
//! heap's state and arenas live until its last block is freed.

use crate::collect::collect_with_callback;
use crate::heap::HeapState;
use crate::teardown::PanicSlot;

/// Full collections at most (each one that finds nothing ends the loop).
const MAX_ROUNDS: usize = 16;

/// Runs when the last `Heap` handle is dropped (not during a collection).
pub(crate) fn shut_down(state: &HeapState) {
    state.shut_down.set(true);
    state.shutting_down.set(true);
    let mut panics = PanicSlot::default();
    let garbage = std::mem::take(&mut *state.garbage.borrow_mut());
    let callbacks = std::mem::take(&mut *state.callbacks.borrow_mut());
    panics.guard(|| drop((garbage, callbacks)));
    for _ in 0..MAX_ROUNDS {
        let mut found = 0;
        panics.guard(|| found = collect_with_callback(state, 2));
        if found == 0 {
            break;
        }
    }
    state.shutting_down.set(false);
    panics.resume();
}
