//! [`Heap`]: a cheap handle to a heap's shared state.

use std::ptr::NonNull;

use crate::heap::state::HeapState;

use crate::handle::gc::Gc;
use crate::handle::trace::Trace;
use crate::heap::config::Config;

/// A heap of managed objects: its allocator, its generations and its collector settings.
///
/// Cloning gives another handle to the same heap. When the last handle goes, the heap
/// finalizes and frees everything unreachable (full collections until none finds garbage).
/// Objects still referenced from outside stay alive and usable (tearing them down would
/// invalidate `&T` borrows the program may hold) and are freed by reference counting later;
/// the allocator's memory is given back when the last of them is gone.
///
/// `!Send`: a heap belongs to one thread (like one CPython interpreter under its GIL).
///
/// ```
/// use pymm::{Config, Heap};
/// let heap = Heap::with_config(Config::default().thresholds(100, 10, 10));
/// let x = heap.alloc(vec![1u8, 2, 3]);
/// assert_eq!(x.len(), 3);
/// assert_eq!(heap.threshold(), (100, 10, 10));
/// ```
pub struct Heap {
    state: NonNull<HeapState>,
}

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
        let raw = HeapState::new_raw(config.thresholds, config.stress);
        let heap = Heap {
            // SAFETY: Box::into_raw never returns null.
            state: unsafe { NonNull::new_unchecked(raw.cast_mut()) },
        };
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
    pub fn thread_default() -> Heap {
        // SAFETY: the default state lives as long as the thread.
        unsafe { Heap::from_state(crate::handle::alloc::thread_default_state()) }
    }

    /// A new handle to a state.
    ///
    /// # Safety
    /// `state` is live.
    pub(crate) unsafe fn from_state(state: &HeapState) -> Heap {
        state.handles.set(state.handles.get() + 1);
        Heap {
            // SAFETY: the raw state pointer is never null.
            state: unsafe { NonNull::new_unchecked(state.raw().cast_mut()) },
        }
    }

    #[inline(always)]
    pub(crate) fn state(&self) -> &HeapState {
        // SAFETY: a handle keeps the state alive.
        unsafe { self.state.as_ref() }
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

    /// The allocator's statistics (like `sys._debugmallocstats()`).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let x = heap.alloc(1u64);
    /// assert_eq!(heap.alloc_stats().small_blocks_in_use(), 1);
    /// ```
    pub fn alloc_stats(&self) -> pymm_alloc::Stats {
        self.state().alloc.stats()
    }

    /// Bytes the allocator has handed out and not yet taken back (what the limit counts).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let before = heap.bytes_in_use();
    /// let x = heap.alloc(7u64);
    /// assert!(heap.bytes_in_use() > before);
    /// drop(x);
    /// assert_eq!(heap.bytes_in_use(), before);
    /// ```
    pub fn bytes_in_use(&self) -> usize {
        self.state().alloc.bytes_handed_out()
    }

    /// Caps the bytes the allocator hands out; beyond it allocations fail (`MemoryError`).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.set_limit(Some(0));
    /// assert!(pymm::Gc::try_new_in(1u8, &heap).is_err());
    /// heap.set_limit(None);
    /// assert!(pymm::Gc::try_new_in(1u8, &heap).is_ok());
    /// ```
    pub fn set_limit(&self, bytes: Option<usize>) {
        self.state().alloc.set_limit(bytes);
    }

    /// The current byte limit.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// assert_eq!(heap.limit(), None);
    /// heap.set_limit(Some(4096));
    /// assert_eq!(heap.limit(), Some(4096));
    /// ```
    pub fn limit(&self) -> Option<usize> {
        self.state().alloc.limit()
    }

    /// Whether both handles refer to the same heap.
    ///
    /// ```
    /// use pymm::Heap;
    /// let heap = Heap::new();
    /// assert!(Heap::ptr_eq(&heap, &heap.clone()));
    /// assert!(!Heap::ptr_eq(&heap, &Heap::new()));
    /// ```
    pub fn ptr_eq(a: &Heap, b: &Heap) -> bool {
        a.state == b.state
    }
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

impl Clone for Heap {
    fn clone(&self) -> Heap {
        // SAFETY: this handle keeps the state alive.
        unsafe { Heap::from_state(self.state()) }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        let state = self.state();
        let left = state.handles.get() - 1;
        state.handles.set(left);
        if left == 0 && !state.collecting.get() && !state.shutting_down.get() {
            crate::handle::shutdown::shut_down(state);
        }
        // SAFETY: not used below.
        unsafe { HeapState::release_if_unused(self.state.as_ptr()) };
    }
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
