//! Python's `gc` module as methods of [`Heap`].

use crate::collector::collect::collect_explicit;
use crate::collector::unchanged::{after_freeze, after_unfreeze};
use crate::handle::any::refers_to;
use crate::handle::any::GcAny;
use crate::heap::config::{CallbackId, CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::heap::gen_ids;
use crate::heap::state::UNKNOWN_LEN;
use crate::heap::{Heap, HeapState};
use crate::object::header::{retag_list, Obj};
use crate::object::list;

impl Heap {
    /// `gc.collect(generation)`: collects `generation` (0, 1 or 2; larger values mean 2)
    /// and every younger one; returns the number of unreachable objects found. Returns 0
    /// without collecting when called during a collection (from a finalizer, a callback or
    /// a `Drop` impl).
    ///
    /// ```
    /// use pymm::{Heap, Trace, Gc};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Pair(RefCell<Option<Gc<Pair>>>);
    ///
    /// let heap = Heap::new();
    /// let a = heap.alloc(Pair(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone()); // a cycle through itself
    /// drop(a);                             // reference counting cannot free it
    /// assert_eq!(heap.collect(2), 1);      // the collector can
    /// assert_eq!(heap.collect(2), 0);
    /// ```
    #[inline]
    pub fn collect(&self, generation: usize) -> usize {
        collect_explicit(self.state(), generation.min(2))
    }

    /// `gc.enable()`: automatic collection on.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.disable();
    /// assert!(!heap.is_enabled());
    /// heap.enable();
    /// assert!(heap.is_enabled());
    /// ```
    pub fn enable(&self) {
        self.state().enabled.set(true);
    }

    /// `gc.disable()`: automatic collection off (explicit `collect` still works).
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// heap.set_threshold(1, 10, 10);
    /// heap.disable();
    /// let many: Vec<_> = (0..10).map(|_| heap.alloc(Vec::<Gc<u8>>::new())).collect();
    /// assert_eq!(heap.count().0, 10, "no automatic collection ran");
    /// assert_eq!(heap.stats()[0].collections, 0);
    /// drop(many);
    /// ```
    pub fn disable(&self) {
        self.state().enabled.set(false);
    }

    /// `gc.isenabled()`.
    ///
    /// ```
    /// assert!(pymm::Heap::new().is_enabled());
    /// ```
    pub fn is_enabled(&self) -> bool {
        self.state().enabled.get()
    }

    /// `gc.get_count()`: container allocations minus deallocations since the last
    /// collection of generation 0, and collections of the younger generation since the
    /// last collection of generations 1 and 2.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.disable();
    /// let list = heap.alloc(Vec::<pymm::Gc<u8>>::new()); // may own handles: counted
    /// let int = heap.alloc(7u64);                       // cannot: not counted
    /// assert_eq!(heap.count(), (1, 0, 0));
    /// heap.collect(0);
    /// assert_eq!(heap.count(), (0, 1, 0));
    /// drop((list, int));
    /// ```
    pub fn count(&self) -> (usize, usize, usize) {
        let state = self.state();
        (state.count(0), state.count(1), state.count(2))
    }

    /// `gc.get_threshold()`.
    ///
    /// ```
    /// assert_eq!(pymm::Heap::new().threshold(), (700, 10, 10));
    /// ```
    pub fn threshold(&self) -> (usize, usize, usize) {
        let g = &self.state().gens;
        (
            g[0].threshold.get(),
            g[1].threshold.get(),
            g[2].threshold.get(),
        )
    }

    /// `gc.set_threshold(t0, t1, t2)`; a `t0` of 0 turns automatic collection off.
    ///
    /// ```
    /// let mut config = pymm::Config::default();
    /// config.stress = false; // (`PYMM_GC_STRESS=1` would collect at every allocation)
    /// let heap = pymm::Heap::with_config(config);
    /// heap.set_threshold(2, 5, 5);
    /// assert_eq!(heap.threshold(), (2, 5, 5));
    /// let lists: Vec<_> = (0..3).map(|i| heap.alloc(vec![heap.alloc(i)])).collect();
    /// assert_eq!(heap.stats()[0].collections, 1, "the third container passed threshold 2");
    /// drop(lists);
    /// ```
    pub fn set_threshold(&self, t0: usize, t1: usize, t2: usize) {
        let g = &self.state().gens;
        self.state().set_threshold0(t0);
        g[1].threshold.set(t1);
        g[2].threshold.set(t2);
    }

    /// `gc.get_stats()`.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Node(RefCell<Option<Gc<Node>>>);
    ///
    /// let heap = Heap::new();
    /// heap.disable(); // only the explicit collection below runs
    /// let a = heap.alloc(Node(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// heap.collect(1);
    /// let [young, middle, old] = heap.stats();
    /// assert_eq!((young.collections, middle.collections, old.collections), (0, 1, 0));
    /// assert_eq!(middle.collected, 1);
    /// assert_eq!(middle.uncollectable, 0);
    /// ```
    pub fn stats(&self) -> [GenerationStats; 3] {
        let s = &self.state().stats;
        [s[0].get(), s[1].get(), s[2].get()]
    }

    /// `gc.freeze()`: moves every tracked object to the permanent generation, which
    /// collections ignore.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Node(RefCell<Option<Gc<Node>>>);
    ///
    /// let heap = Heap::new();
    /// let a = heap.alloc(Node(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// heap.freeze(); // e.g. after start-up, so collections skip what start-up made
    /// assert_eq!(heap.freeze_count(), 1);
    /// assert_eq!(heap.collect(2), 0, "frozen objects are never examined");
    /// heap.unfreeze();
    /// assert_eq!(heap.collect(2), 1);
    /// ```
    pub fn freeze(&self) {
        let state = self.state();
        for gen in &state.gens {
            for list_head in [&gen.head, &gen.suspects] {
                retag_list(list_head, gen_ids::PERMANENT);
                list::merge(list_head, &state.permanent);
            }
        }
        // Every generation is empty: their ids start again, unless a collection is running
        // (from a finalizer or callback): objects on its lists keep the ids it renamed.
        if !state.collecting.get() {
            state.ids.restart();
        }
        state.set_count(0, 0);
        after_freeze(state);
        if state.collecting.get() {
            // The collection's garbage, freed later, counts down the generation its ids
            // map to, from lengths just reset.
            state.old_len.set(UNKNOWN_LEN);
        }
    }

    /// `gc.unfreeze()`: the permanent generation goes back to the oldest one.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let list = heap.alloc(vec![heap.alloc(1)]);
    /// heap.freeze();
    /// assert!(heap.objects(None).is_empty());
    /// heap.unfreeze();
    /// assert_eq!(heap.objects(Some(2)).len(), 1, "back in the oldest generation");
    /// assert_eq!(heap.freeze_count(), 0);
    /// drop(list);
    /// ```
    pub fn unfreeze(&self) {
        let state = self.state();
        retag_list(&state.permanent, gen_ids::OLDEST);
        list::merge(&state.permanent, &state.gens[2].head);
        after_unfreeze(state);
    }

    /// `gc.get_freeze_count()`.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let lists = (heap.alloc(vec![heap.alloc(1)]), heap.alloc(vec![heap.alloc(2)]));
    /// heap.freeze();
    /// assert_eq!(heap.freeze_count(), 2);
    /// drop(lists);
    /// assert_eq!(heap.freeze_count(), 0, "freed objects leave the permanent generation");
    /// ```
    pub fn freeze_count(&self) -> usize {
        list::len(&self.state().permanent)
    }

    /// Appends to `gc.callbacks`: `f` runs before (`Start`) and after (`Stop`) every
    /// collection.
    ///
    /// ```
    /// use pymm::{CallbackPhase, Heap};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// let heap = Heap::new();
    /// let log = Rc::new(RefCell::new(Vec::new()));
    /// let sink = log.clone();
    /// let id = heap.add_callback(move |_, phase, info| {
    ///     sink.borrow_mut().push((phase, info.generation, info.collected));
    /// });
    /// heap.collect(1);
    /// assert_eq!(*log.borrow(), [(CallbackPhase::Start, 1, 0), (CallbackPhase::Stop, 1, 0)]);
    /// heap.remove_callback(id);
    /// ```
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
    ///
    /// ```
    /// use pymm::Heap;
    /// use std::{cell::Cell, rc::Rc};
    ///
    /// let heap = Heap::new();
    /// let calls = Rc::new(Cell::new(0));
    /// let counter = calls.clone();
    /// let id = heap.add_callback(move |_, _, _| counter.set(counter.get() + 1));
    /// heap.collect(0);
    /// heap.remove_callback(id);
    /// heap.collect(0);
    /// assert_eq!(calls.get(), 2, "start and stop of the first collection only");
    /// ```
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
    ///
    /// ```
    /// use pymm::{DebugFlags, Heap};
    /// let heap = Heap::new();
    /// heap.set_debug(DebugFlags::SAVEALL);
    /// assert!(heap.debug().contains(DebugFlags::SAVEALL));
    /// heap.set_debug(DebugFlags::empty());
    /// ```
    pub fn set_debug(&self, flags: DebugFlags) {
        self.state().debug.set(flags);
    }

    /// `gc.get_debug()`.
    ///
    /// ```
    /// use pymm::{DebugFlags, Heap};
    /// assert_eq!(Heap::new().debug(), DebugFlags::empty());
    /// ```
    pub fn debug(&self) -> DebugFlags {
        self.state().debug.get()
    }

    /// `gc.garbage`: the unreachable objects kept by `DebugFlags::SAVEALL`.
    ///
    /// ```
    /// use pymm::{DebugFlags, Gc, Heap, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Node(RefCell<Option<Gc<Node>>>);
    ///
    /// let heap = Heap::new();
    /// heap.set_debug(DebugFlags::SAVEALL);
    /// let a = heap.alloc(Node(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// assert_eq!(heap.collect(2), 1);
    /// let saved = heap.garbage(); // kept for inspection instead of freed
    /// assert_eq!(saved.len(), 1);
    /// assert_eq!(saved[0].type_name(), std::any::type_name::<Node>());
    /// # saved[0].downcast_ref::<Node>().unwrap().0.take();
    /// ```
    pub fn garbage(&self) -> Vec<GcAny> {
        let saved = self.state().garbage.borrow();
        saved
            .iter()
            .map(|&obj| GcAny::from_obj_cloned(obj))
            .collect()
    }

    /// Empties `gc.garbage` (`del gc.garbage[:]`).
    ///
    /// ```
    /// use pymm::{DebugFlags, Gc, Heap, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Node(RefCell<Option<Gc<Node>>>);
    ///
    /// let heap = Heap::new();
    /// heap.set_debug(DebugFlags::SAVEALL);
    /// let a = heap.alloc(Node(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// heap.collect(2);
    /// heap.set_debug(DebugFlags::empty());
    /// heap.clear_garbage();        // the saved cycle is unreachable again
    /// assert!(heap.garbage().is_empty());
    /// assert_eq!(heap.collect(2), 1);
    /// ```
    pub fn clear_garbage(&self) {
        drop(take_saved_garbage(self.state()));
    }

    /// `gc.get_objects(generation)`: the tracked objects of one generation, or of all three
    /// (not the permanent one) for `None`. A generation above 2 gives an empty list.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let list = heap.alloc(vec![heap.alloc(1)]);            // a container: tracked
    /// let text = heap.alloc(String::from("not a container")); // never tracked
    /// let tracked = heap.objects(None);
    /// assert_eq!(tracked.len(), 1);
    /// assert!(tracked[0].downcast_ref::<Vec<pymm::Gc<i32>>>().is_some());
    /// assert_eq!(heap.objects(Some(1)).len(), 0);
    /// drop((list, text));
    /// ```
    pub fn objects(&self, generation: Option<usize>) -> Vec<GcAny> {
        let state = self.state();
        let mut out = Vec::new();
        let gens = match generation {
            None => 0..3,
            Some(g) if g < 3 => g..g + 1,
            Some(_) => 0..0,
        };
        for gen in &state.gens[gens] {
            for list_head in [&gen.head, &gen.suspects] {
                list::for_each(list_head, |obj| out.push(GcAny::from_obj_cloned(obj)));
            }
        }
        out
    }

    /// The newest `limit` tracked objects of the set a collection of `generation` examines
    /// (generations `0..=generation`): generation 0 first, each generation newest first.
    /// Reads only the objects it returns, however large the generations are.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let lists: Vec<_> = (0..5).map(|i| heap.alloc(vec![heap.alloc(i)])).collect();
    /// let newest = heap.newest_objects(2, 2);
    /// assert_eq!(newest.len(), 2);
    /// assert!(pymm::GcAny::ptr_eq(&newest[0], &pymm::Gc::to_any(&lists[4])));
    /// assert!(pymm::GcAny::ptr_eq(&newest[1], &pymm::Gc::to_any(&lists[3])));
    /// # drop(lists);
    /// ```
    pub fn newest_objects(&self, generation: usize, limit: usize) -> Vec<GcAny> {
        let state = self.state();
        let mut out = Vec::new();
        for gen in &state.gens[..=generation.min(2)] {
            if out.len() >= limit {
                break;
            }
            // Suspects (objects of recent events) first, then the rest newest first.
            for list_head in [&gen.suspects, &gen.head] {
                if out.len() < limit {
                    list::for_each_newest(list_head, |obj| {
                        out.push(GcAny::from_obj_cloned(obj));
                        out.len() < limit
                    });
                }
            }
        }
        out
    }

    /// `gc.get_referrers(*targets)`: tracked objects (generations 0-2) that refer directly
    /// to any of `targets`.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let target = heap.alloc(5u8);
    /// let holder = heap.alloc(vec![target.clone()]);
    /// let found = heap.referrers(&[Gc::to_any(&target)]);
    /// assert_eq!(found.len(), 1);
    /// assert!(pymm::GcAny::ptr_eq(&found[0], &Gc::to_any(&holder)));
    /// ```
    pub fn referrers(&self, targets: &[GcAny]) -> Vec<GcAny> {
        let state = self.state();
        let wanted: Vec<Obj> = targets.iter().map(GcAny::obj).collect();
        let mut found = Vec::new();
        for gen in &state.gens {
            for list_head in [&gen.head, &gen.suspects] {
                list::for_each(list_head, |obj| {
                    if refers_to(obj, &wanted) {
                        found.push(obj);
                    }
                });
            }
        }
        found.into_iter().map(GcAny::from_obj_cloned).collect()
    }

    /// Whether a collection is running (`gc.collect()` would return 0).
    ///
    /// ```
    /// use pymm::Heap;
    /// use std::{cell::Cell, rc::Rc};
    /// let heap = Heap::new();
    /// let during = Rc::new(Cell::new(false));
    /// let (seen, probe) = (during.clone(), heap.clone());
    /// let id = heap.add_callback(move |_, _, _| seen.set(probe.is_collecting()));
    /// heap.collect(0);
    /// assert!(during.get());
    /// assert!(!heap.is_collecting());
    /// heap.remove_callback(id); // the callback holds a handle to the heap
    /// ```
    pub fn is_collecting(&self) -> bool {
        self.state().collecting.get()
    }
}

/// Takes the heap's saved garbage (`gc.garbage`) as the handles that own its counts.
pub(crate) fn take_saved_garbage(state: &HeapState) -> Vec<GcAny> {
    let saved = std::mem::take(&mut *state.garbage.borrow_mut());
    // SAFETY: each entry owns one strong count of a live object (see `HeapState::garbage`),
    // which the handle now owns.
    saved
        .into_iter()
        .map(|obj| unsafe { GcAny::from_owned_obj(obj) })
        .collect()
}
