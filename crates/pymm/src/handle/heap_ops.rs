//! Making a [`Heap`], allocating through it, and dropping it (the last handle shuts the heap
//! down: see `shutdown`). The type itself is the heap layer's (`heap::handle`).

use crate::handle::alloc::thread_default_state;
use crate::handle::gc::Gc;
use crate::handle::shutdown::{new_heap_state, shut_down};
use crate::handle::trace::Trace;
use crate::heap::config::Config;
use crate::heap::{Heap, HeapState};

impl Heap {
    /// A heap with the default settings, stress mode from the environment
    /// ([`Config::from_env`]).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// assert_eq!(heap.threshold(), (700, 10, 10));
    /// ```
    pub fn new() -> Heap {
        Heap::with_config(Config::from_env())
    }

    /// A heap with the given settings.
    ///
    /// ```
    /// use pymm::{Config, Heap};
    /// let mut config = Config::default();
    /// config.stress = true; // collect at every container allocation
    /// let heap = Heap::with_config(config);
    /// let list = heap.alloc(vec![heap.alloc(1)]);
    /// assert_eq!(heap.stats()[0].collections, 1);
    /// ```
    pub fn with_config(config: Config) -> Heap {
        // SAFETY: just made.
        let heap = unsafe { Heap::from_new_state(new_heap_state(&config)) };
        heap.set_limit(config.limit);
        heap
    }

    /// The thread's default heap (the one `Gc::new` uses).
    ///
    /// # Panics
    /// When called while the thread is being torn down (after its default heap was dropped).
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let x = Gc::new(1);
    /// assert!(Heap::ptr_eq(&Gc::heap(&x), &Heap::thread_default()));
    /// ```
    #[inline]
    pub fn thread_default() -> Heap {
        // SAFETY: the default state lives as long as the thread.
        unsafe { Heap::from_state(thread_default_state()) }
    }

    /// Allocates `value` on this heap.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted; see [`Gc::try_new_in`].
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let text = heap.alloc(String::from("hello"));
    /// assert_eq!(text.len(), 5);
    /// ```
    pub fn alloc<T: Trace + 'static>(&self, value: T) -> Gc<T> {
        Gc::new_in(value, self)
    }

    /// Allocates `value` on this heap; `Err` when the heap's limit would be exceeded
    /// (Python's `MemoryError`) or memory is exhausted. Same as [`Gc::try_new_in`].
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.set_limit(Some(0));
    /// assert!(heap.try_alloc(1u8).is_err());
    /// ```
    pub fn try_alloc<T: Trace + 'static>(&self, value: T) -> Result<Gc<T>, pymm_alloc::AllocError> {
        Gc::try_new_in(value, self)
    }
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

impl Drop for Heap {
    /// A handle among others: one decrement, inline (`Heap::thread_default()` makes and
    /// drops one around each use). The last one shuts the heap down, out of line.
    #[inline]
    fn drop(&mut self) {
        let state = self.state();
        let left = state.handles.get() - 1;
        state.handles.set(left);
        if left == 0 {
            // SAFETY: not used below.
            unsafe { last_handle_dropped(self.state_ptr()) };
        }
    }
}

/// The last [`Heap`] handle of `state` was dropped: the heap shuts down (unless a
/// collection or a shut-down is running), and the state is freed if nothing else needs it.
///
/// # Safety
/// `state` is live, and not used by the caller after this returns (it may be freed).
#[cold]
#[inline(never)]
unsafe fn last_handle_dropped(state: *const HeapState) {
    {
        // SAFETY: live (forwarded contract).
        let state = unsafe { &*state };
        if !state.collecting.get() && !state.shutting_down.get() {
            shut_down(state);
        }
    }
    // SAFETY: forwarded contract; not used below.
    unsafe { HeapState::release_if_unused(state) };
}

impl std::fmt::Debug for Heap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Heap")
            .field("count", &self.count())
            .field("threshold", &self.threshold())
            .field("enabled", &self.is_enabled())
            .finish_non_exhaustive()
    }
}
