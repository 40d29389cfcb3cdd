//! [`Heap`]: a cheap handle to a heap's shared state.
//!
//! The type and what only reads or sets the state are here; making a heap, allocating
//! through it and what its last handle's drop runs (a shutdown: collections) are in the
//! handle layer (`handle::heap_ops`), the collector's API in `handle::gc_api`.

use std::ptr::NonNull;

use crate::heap::state::HeapState;

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
    /// The first handle of a state just made (`HeapState::new_raw` counts it).
    ///
    /// # Safety
    /// `raw` comes from `HeapState::new_raw` and no handle was made from it yet.
    pub(crate) unsafe fn from_new_state(raw: *const HeapState) -> Heap {
        Heap {
            // SAFETY: Box::into_raw never returns null.
            state: unsafe { NonNull::new_unchecked(raw.cast_mut()) },
        }
    }

    /// A new handle to a state.
    ///
    /// # Safety
    /// `state` is live.
    #[inline]
    pub(crate) unsafe fn from_state(state: &HeapState) -> Heap {
        state.handles.set(state.handles.get() + 1);
        Heap {
            // SAFETY: the raw state pointer is never null.
            state: unsafe { NonNull::new_unchecked(state.raw().cast_mut()) },
        }
    }

    /// The state's pointer (with the provenance of its allocation), for what may free it.
    #[inline(always)]
    pub(crate) fn state_ptr(&self) -> *const HeapState {
        self.state.as_ptr()
    }

    #[inline(always)]
    pub(crate) fn state(&self) -> &HeapState {
        // SAFETY: a handle keeps the state alive.
        unsafe { self.state.as_ref() }
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

    /// An upper bound of [`bytes_in_use`](Self::bytes_in_use) read in O(1): the allocator's
    /// committed bytes, a whole pool for each pool it holds plus the sizes of its large blocks
    /// (see [`pymm_alloc::Heap::bytes_committed`]). A budget checked at every allocation
    /// compares this first, and asks for the exact figure only when the bound does not settle
    /// the check.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let x = heap.alloc(7u64);
    /// assert!(heap.bytes_committed() >= heap.bytes_in_use());
    /// # drop(x);
    /// ```
    pub fn bytes_committed(&self) -> usize {
        self.state().alloc.bytes_committed()
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

    /// How long an arena the allocator emptied keeps its memory before it is given back to
    /// the OS (`pymm_alloc::Heap::set_purge_delay`; 10 ms by default). A collection's
    /// teardown never gives memory back while it frees: the arenas it empties are purged
    /// afterwards, when the delay has passed since each emptied.
    ///
    /// ```
    /// use std::time::Duration;
    /// let heap = pymm::Heap::new();
    /// heap.set_purge_delay(Duration::ZERO);
    /// assert_eq!(heap.purge_delay(), Duration::ZERO);
    /// ```
    pub fn set_purge_delay(&self, delay: std::time::Duration) {
        self.state().alloc.set_purge_delay(delay);
    }

    /// The delay set by [`Heap::set_purge_delay`].
    pub fn purge_delay(&self) -> std::time::Duration {
        self.state().alloc.purge_delay()
    }

    /// Asks the allocator for transparent huge pages, or not, for the arenas it maps from
    /// now on (`pymm_alloc::Heap::set_huge_pages`; on by default): fewer TLB misses on a
    /// large heap, up to 1 MiB more at its peak.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.set_huge_pages(false);
    /// assert!(!heap.huge_pages());
    /// ```
    pub fn set_huge_pages(&self, huge: bool) {
        self.state().alloc.set_huge_pages(huge);
    }

    /// Whether the allocator asks for huge pages ([`Heap::set_huge_pages`]).
    pub fn huge_pages(&self) -> bool {
        self.state().alloc.huge_pages()
    }

    /// Lets generation 0 take at most `ids` (at least 1) more list ids before the heap's
    /// members are retagged with the lowest ones (`heap::gen_ids`: normally after ~65,000
    /// collections), so that tests reach that path in a few collections.
    #[doc(hidden)]
    pub fn limit_list_ids(&self, ids: usize) {
        self.state().ids.set_limit(ids.max(1));
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

impl Clone for Heap {
    fn clone(&self) -> Heap {
        // SAFETY: this handle keeps the state alive.
        unsafe { Heap::from_state(self.state()) }
    }
}
