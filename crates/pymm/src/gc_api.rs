//! Python's `gc` module as methods of [`Heap`].

use crate::any::refers_to;
use crate::api::{CallbackId, CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::collect::{collect_with_callback, Caller};
use crate::header::{retag_list, Obj, PERMANENT_GEN};
use crate::heap::Heap;
use crate::list;
use crate::GcAny;

impl Heap {
    /// `gc.collect(generation)`: collects `generation` (0, 1 or 2; larger values mean 2)
    /// and every younger one; returns the number of unreachable objects found. Returns 0
    /// without collecting when called during a collection (from a finalizer, a callback or
    /// a `Drop` impl).
    pub fn collect(&self, generation: usize) -> usize {
        collect_with_callback(self.state(), generation.min(2), Caller::Explicit)
    }

    /// `gc.enable()`: automatic collection on.
    pub fn enable(&self) {
        self.state().enabled.set(true);
    }

    /// `gc.disable()`: automatic collection off (explicit `collect` still works).
    pub fn disable(&self) {
        self.state().enabled.set(false);
    }

    /// `gc.isenabled()`.
    pub fn is_enabled(&self) -> bool {
        self.state().enabled.get()
    }

    /// `gc.get_count()`: container allocations minus deallocations since the last
    /// collection of generation 0, and collections of the younger generation since the
    /// last collection of generations 1 and 2.
    pub fn count(&self) -> (usize, usize, usize) {
        let g = &self.state().gens;
        (g[0].count.get(), g[1].count.get(), g[2].count.get())
    }

    /// `gc.get_threshold()`.
    pub fn threshold(&self) -> (usize, usize, usize) {
        let g = &self.state().gens;
        (
            g[0].threshold.get(),
            g[1].threshold.get(),
            g[2].threshold.get(),
        )
    }

    /// `gc.set_threshold(t0, t1, t2)`; a `t0` of 0 turns automatic collection off.
    pub fn set_threshold(&self, t0: usize, t1: usize, t2: usize) {
        let g = &self.state().gens;
        g[0].threshold.set(t0);
        g[1].threshold.set(t1);
        g[2].threshold.set(t2);
    }

    /// `gc.get_stats()`.
    pub fn stats(&self) -> [GenerationStats; 3] {
        let s = &self.state().stats;
        [s[0].get(), s[1].get(), s[2].get()]
    }

    /// `gc.freeze()`: moves every tracked object to the permanent generation, which
    /// collections ignore.
    pub fn freeze(&self) {
        let state = self.state();
        for gen in &state.gens {
            retag_list(&gen.head, PERMANENT_GEN);
            list::merge(&gen.head, &state.permanent);
        }
        state.gens[0].count.set(0);
    }

    /// `gc.unfreeze()`: the permanent generation goes back to the oldest one.
    pub fn unfreeze(&self) {
        let state = self.state();
        retag_list(&state.permanent, 2);
        list::merge(&state.permanent, &state.gens[2].head);
    }

    /// `gc.get_freeze_count()`.
    pub fn freeze_count(&self) -> usize {
        list::len(&self.state().permanent)
    }

    /// Appends to `gc.callbacks`: `f` runs before (`Start`) and after (`Stop`) every
    /// collection.
    pub fn add_callback(
        &self,
        f: impl FnMut(&Heap, CallbackPhase, &CallbackInfo) + 'static,
    ) -> CallbackId {
        let state = self.state();
        let id = CallbackId(state.next_callback_id.get());
        state.next_callback_id.set(id.0 + 1);
        state.callbacks.borrow_mut().push((id, Box::new(f)));
        id
    }

    /// Removes a callback (no-op for an unknown id). Callable from a callback.
    pub fn remove_callback(&self, id: CallbackId) {
        let state = self.state();
        let dropped: Vec<_> = {
            let mut callbacks = state.callbacks.borrow_mut();
            let (kept, dropped) = std::mem::take(&mut *callbacks)
                .into_iter()
                .partition(|(i, _)| *i != id);
            *callbacks = kept;
            dropped
        };
        let removed = !dropped.is_empty();
        drop(dropped); // outside the borrow: a closure's Drop may use the gc API
        if !removed && state.collecting.get() {
            // The callbacks are running (taken out of the list): drop it when they are back.
            state.removed_callbacks.borrow_mut().push(id);
        }
    }

    /// `gc.set_debug(flags)`.
    pub fn set_debug(&self, flags: DebugFlags) {
        self.state().debug.set(flags);
    }

    /// `gc.get_debug()`.
    pub fn debug(&self) -> DebugFlags {
        self.state().debug.get()
    }

    /// `gc.garbage`: the unreachable objects kept by `DebugFlags::SAVEALL`.
    pub fn garbage(&self) -> Vec<GcAny> {
        self.state().garbage.borrow().clone()
    }

    /// Empties `gc.garbage` (`del gc.garbage[:]`).
    pub fn clear_garbage(&self) {
        let garbage = std::mem::take(&mut *self.state().garbage.borrow_mut());
        drop(garbage);
    }

    /// `gc.get_objects(generation)`: the tracked objects of one generation, or of all three
    /// (not the permanent one) for `None`. A generation above 2 gives an empty list.
    pub fn objects(&self, generation: Option<usize>) -> Vec<GcAny> {
        let state = self.state();
        let mut out = Vec::new();
        let gens = match generation {
            None => 0..3,
            Some(g) if g < 3 => g..g + 1,
            Some(_) => 0..0,
        };
        for gen in &state.gens[gens] {
            list::for_each(&gen.head, |obj| out.push(GcAny::from_obj_cloned(obj)));
        }
        out
    }

    /// `gc.get_referrers(*targets)`: tracked objects (generations 0-2) that refer directly
    /// to any of `targets`.
    pub fn referrers(&self, targets: &[GcAny]) -> Vec<GcAny> {
        let state = self.state();
        let wanted: Vec<Obj> = targets.iter().map(GcAny::obj).collect();
        let mut found = Vec::new();
        for gen in &state.gens {
            list::for_each(&gen.head, |obj| {
                if refers_to(obj, &wanted) {
                    found.push(obj);
                }
            });
        }
        found.into_iter().map(GcAny::from_obj_cloned).collect()
    }

    /// Whether a collection is running (`gc.collect()` would return 0).
    pub fn is_collecting(&self) -> bool {
        self.state().collecting.get()
    }
}
