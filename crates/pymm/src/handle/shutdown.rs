//! Dropping the last handle of a heap, and the thread's exit.
//!
//! What runs when the last [`Heap`] handle goes: the heap's gc callbacks and its saved
//! garbage (`DEBUG_SAVEALL`, which is switched off) are dropped, then full collections run
//! while they find garbage (finalizers and `Drop` impls may make more). Objects still
//! referenced from outside (a `Gc` held by the program, or a `RefCell` borrowed) are *not*
//! torn down: code may hold `&T` borrows into them, which a teardown would invalidate. They
//! stay alive and usable, freed by reference counting when their last handle goes; the
//! heap's state and arenas live until its last block is freed.
//!
//! A cycle among such survivors, or a heap whose last handle is never dropped because it
//! sits inside the heap itself (in one of its objects, or captured by one of its
//! callbacks), is collected when the thread exits: every heap still alive on the thread is
//! then shut down the same way ([`sweep_thread_heaps`]). A `Heap` handle taken again
//! from an object ([`Gc::heap`](crate::Gc::heap)) collects on demand before that.

use crate::collector::collect::collect_with_panics;
use crate::handle::gc_api::take_saved_garbage;
use crate::heap::config::Config;
use crate::heap::config::DebugFlags;
use crate::heap::state::next_heap_to_sweep;
use crate::heap::unraisable::{PanicSlot, UserCode};
use crate::heap::HeapState;

thread_local! {
    /// Sweeps the thread's heaps when the thread exits (see [`sweep_thread_heaps`]).
    static SWEEPER: Sweeper = const { Sweeper };
}

/// A new heap state, to be swept at the thread's exit.
pub(crate) fn new_heap_state(config: &Config) -> *const HeapState {
    let raw = HeapState::new_raw(config.thresholds, config.stress);
    // Touching the sweeper registers its destructor (fails once it has run: then heaps made
    // from now on are not swept at exit).
    let _ = SWEEPER.try_with(|_| ());
    raw
}

/// Full collections at most (each one that finds nothing ends the loop).
const MAX_ROUNDS: usize = 16;

/// Runs when the last `Heap` handle is dropped (not during a collection): the first panic of
/// user code reaches the code that dropped the handle.
pub(crate) fn shut_down(state: &HeapState) {
    let panics = shut_down_collecting(state);
    panics.resume(state);
}

/// Shuts a heap down at thread exit: panics go to its unraisable hook. Takes a pointer, not
/// a reference: the state may be freed before this returns.
///
/// # Safety
/// `state` is a live heap state of this thread.
pub(crate) unsafe fn shut_down_at_thread_exit(state: *const HeapState) {
    // SAFETY: forwarded contract; the handle keeps it alive until it is dropped below.
    let hold = unsafe { crate::heap::Heap::from_state(&*state) };
    let state = hold.state();
    if !state.shutting_down.get() && !state.collecting.get() {
        shut_down_collecting(state).report(state);
    }
    // Dropping the hold may be the last handle (a heap dropped before): that shuts it down
    // again, which finds nothing now; a panic there must not unwind out of a destructor.
    if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(hold))) {
        eprintln!(
            "pymm: ignored a panic while a heap shut down at thread exit: {}",
            crate::heap::unraisable::panic_message(&*payload)
        );
    }
}

/// The shutdown's work; returns the panics of the user code it ran.
fn shut_down_collecting(state: &HeapState) -> PanicSlot {
    state.mark_shut_down();
    state.shutting_down.set(true);
    let mut panics = PanicSlot::default();
    // Saved garbage is freed now, not saved again.
    let debug = state.debug.get();
    state.debug.set(DebugFlags::from_bits(
        debug.bits() & !DebugFlags::SAVEALL.bits(),
    ));
    let garbage = take_saved_garbage(state);
    let callbacks = std::mem::take(&mut *state.callbacks.borrow_mut());
    panics.guard(UserCode::Drop, None, || drop((garbage, callbacks)));
    for _ in 0..MAX_ROUNDS {
        if collect_with_panics(state, 2, &mut panics) == 0 {
            break;
        }
    }
    state.shutting_down.set(false);
    panics
}

/// Runs [`sweep_thread_heaps`] when the thread's destructors run.
struct Sweeper;

impl Drop for Sweeper {
    fn drop(&mut self) {
        sweep_thread_heaps();
    }
}

/// At thread exit, every heap still alive on the thread is shut down as if its last handle
/// had gone (`shutdown::shut_down`): garbage is freed even when a `Heap` handle was kept
/// inside the heap (in an object or a callback), or when the heap was dropped before the
/// handles to its objects. Panics go to the heaps' unraisable hooks (a thread's destructors
/// must not unwind). Objects still referenced then (from another thread-local value not
/// destroyed yet) stay alive, freed by reference counting.
fn sweep_thread_heaps() {
    while let Some(state) = next_heap_to_sweep() {
        // SAFETY: a live state of this thread (it may be freed by the shutdown: no
        // reference to it is kept across that call).
        unsafe { shut_down_at_thread_exit(state) };
    }
}
