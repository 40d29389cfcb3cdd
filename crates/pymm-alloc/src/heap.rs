//! The heap: the public API, its state, and large blocks (small ones: `small.rs`).
//!
//! Invariants:
//! - `used` heads, per class, the list of pools with a free block (CPython's `usedpools`);
//!   allocation pops from the head pool in O(1);
//! - the committed bytes (pools held and large blocks, `budget.rs`), at least the bytes
//!   handed out, never grow past the limit through `alloc` or `realloc`.

use crate::arena::Arenas;
use crate::budget::Budget;
use crate::error::AllocError;
use crate::large::LargeBlocks;
use crate::types::OwnerCell;
use crate::used_lists::UsedLists;
use std::alloc::Layout;
use std::ptr::{self, NonNull};

/// A single-threaded small-object heap: CPython's obmalloc (arenas -> pools -> blocks) for
/// requests of 1..=512 bytes with alignment <= 16, the system allocator for the rest.
///
/// The state lives in one boxed allocation at a stable address (arenas and pools point back at
/// it), and the handle is neither `Send` nor `Sync`, like one CPython interpreter under its GIL:
///
/// ```compile_fail
/// fn needs_send<T: Send>() {}
/// needs_send::<pymm_alloc::Heap>();
/// ```
///
/// ```compile_fail
/// fn needs_sync<T: Sync>() {}
/// needs_sync::<pymm_alloc::Heap>();
/// ```
///
/// Dropping the heap unmaps every arena and frees every large block still live.
pub struct Heap {
    state: NonNull<HeapState>,
    owner: NonNull<OwnerCell>,
}

/// Everything a heap owns. Only ever reached through `Heap::state`. The used lists come
/// first, so that the fast paths reach a class's slot at `state + 32 * class`.
#[repr(C)]
pub(crate) struct HeapState {
    /// Per class, the pools with a free block (CPython's `usedpools`).
    pub used: UsedLists,
    /// The limit.
    pub budget: Budget,
    /// Every arena.
    pub arenas: Arenas,
    /// Every live large block.
    pub large: LargeBlocks,
}

impl Heap {
    /// An empty heap; no memory is mapped until the first allocation.
    pub fn new() -> Heap {
        let owner = Box::into_raw(Box::new(OwnerCell::new(ptr::null())));
        let state = Box::new(HeapState {
            used: UsedLists::new(),
            budget: Budget::unlimited(),
            arenas: Arenas::new(owner),
            large: LargeBlocks::new(owner),
        });
        // SAFETY: Box::into_raw never returns null.
        unsafe {
            Heap {
                state: NonNull::new_unchecked(Box::into_raw(state)),
                owner: NonNull::new_unchecked(owner),
            }
        }
    }

    /// Runs `op` on the state. No user code runs inside, and `Heap` is `!Sync`, so the
    /// `&mut` is the only reference to the state for the duration of the call.
    #[inline(always)]
    fn with_state<R>(&self, op: impl FnOnce(&mut HeapState) -> R) -> R {
        // SAFETY: see above; the pointer is live until `Drop`.
        op(unsafe { &mut *self.state.as_ptr() })
    }

    /// Allocates a block for `layout` (size may be 0). The block is valid for
    /// `layout.size()` bytes, aligned to `layout.align()`, and uninitialised.
    ///
    /// Returns `Err(AllocError)` if the heap limit would be exceeded, the OS refuses memory,
    /// or the size overflows once the bookkeeping prefix of a large block is added.
    #[inline]
    pub fn alloc(&self, layout: Layout) -> Result<NonNull<u8>, AllocError> {
        self.with_state(|state| {
            if crate::is_small(layout) {
                state.alloc_small(layout.size())
            } else {
                state.alloc_large(layout)
            }
        })
    }

    /// Frees a block.
    ///
    /// # Safety
    /// `ptr` came from this heap's `alloc`/`realloc` with exactly this `layout` and has not
    /// been freed since. Debug builds panic with a clear message on a double free, a foreign
    /// pointer or a mismatched layout.
    #[inline]
    pub unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout) {
        self.with_state(|state| {
            if crate::is_small(layout) {
                // SAFETY: forwarded contract.
                unsafe { state.free_small(ptr.as_ptr(), layout.size()) }
            } else {
                // SAFETY: forwarded contract.
                unsafe { state.free_large(ptr, layout) }
            }
        })
    }

    /// Allocates `size` bytes (may be 0) aligned to [`ALIGNMENT`](crate::ALIGNMENT), given the
    /// size alone, as C's `malloc` and CPython's `PyObject_Malloc` are: the same block as
    /// [`alloc`](Self::alloc) with `Layout::from_size_align(size, ALIGNMENT)`, without the
    /// layout. A caller holding only a size would otherwise build one per call, and
    /// `Layout::from_size_align` checks the size against `isize::MAX` every time; here that
    /// check is left to the large path.
    ///
    /// ```
    /// let heap = pymm_alloc::Heap::new();
    /// let block = heap.alloc_size(24).unwrap();
    /// assert_eq!(block.as_ptr().addr() % pymm_alloc::ALIGNMENT, 0);
    /// assert_eq!(heap.bytes_handed_out(), 32);
    /// assert!(heap.alloc_size(usize::MAX).is_err(), "no layout has that size");
    /// // SAFETY: allocated above with this size, freed once.
    /// unsafe { heap.dealloc_size(block, 24) };
    /// assert_eq!(heap.bytes_handed_out(), 0);
    /// ```
    #[inline]
    pub fn alloc_size(&self, size: usize) -> Result<NonNull<u8>, AllocError> {
        self.with_state(|state| {
            if crate::is_small_size(size) {
                state.alloc_small(size)
            } else {
                state.alloc_large(size_layout(size).ok_or(AllocError)?)
            }
        })
    }

    /// Frees a block of [`alloc_size`](Self::alloc_size).
    ///
    /// # Safety
    /// `ptr` came from this heap's `alloc_size(size)` (or from `alloc`/`realloc` with the
    /// layout `Layout::from_size_align(size, ALIGNMENT)`) and has not been freed since. Debug
    /// builds check as [`dealloc`](Self::dealloc) does.
    #[inline]
    pub unsafe fn dealloc_size(&self, ptr: NonNull<u8>, size: usize) {
        self.with_state(|state| {
            if crate::is_small_size(size) {
                // SAFETY: forwarded contract.
                unsafe { state.free_small(ptr.as_ptr(), size) }
            } else {
                let layout = size_layout(size).expect("the size of a block alloc_size handed out");
                // SAFETY: forwarded contract: the block was allocated with this layout.
                unsafe { state.free_large(ptr, layout) }
            }
        })
    }

    /// Resizes a block to `new_size` bytes (same alignment). A small block stays in place
    /// while `new_size` falls in the same size class; otherwise the contents (up to the
    /// smaller size) move to a new block and the old one is freed.
    ///
    /// # Safety
    /// As for [`dealloc`](Self::dealloc) with `(ptr, old)`. On `Ok` the old pointer is invalid
    /// (unless equal to the new one); on `Err` the old block is untouched and still live.
    pub unsafe fn realloc(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: forwarded contract.
        self.with_state(|state| unsafe { state.realloc(ptr, old, new_size) })
    }

    /// Sets a cap on the bytes the heap commits; `None` removes it. Small blocks are charged
    /// by the pool: 16 KiB ([`POOL_SIZE`](crate::POOL_SIZE)) for each pool the heap holds
    /// (serving blocks, full, or emptied and kept for its class); large blocks by their size.
    /// The cap is checked when a pool is taken and when a large block is allocated or grown,
    /// so allocating from a pool already held costs nothing more on a limited heap, and
    /// [`bytes_handed_out`](Self::bytes_handed_out) never exceeds it. Allocations that would
    /// pass it fail with `AllocError`; a cap lowered below what is committed refuses every
    /// allocation until enough pools were given back.
    ///
    /// ```
    /// use pymm_alloc::{Heap, POOL_SIZE};
    /// use std::alloc::Layout;
    ///
    /// let heap = Heap::new();
    /// heap.set_limit(Some(POOL_SIZE)); // room for one pool
    /// let small = Layout::from_size_align(64, 8).unwrap();
    /// let a = heap.alloc(small).unwrap(); // takes the pool
    /// let b = heap.alloc(small).unwrap(); // from the same pool: no new charge
    /// let other = Layout::from_size_align(16, 8).unwrap();
    /// assert!(heap.alloc(other).is_err()); // another class needs a second pool
    /// // SAFETY: allocated above with this layout, freed once each.
    /// unsafe { heap.dealloc(a, small); heap.dealloc(b, small) };
    /// ```
    pub fn set_limit(&self, bytes: Option<usize>) {
        self.with_state(|state| {
            state.budget.set_limit(bytes.unwrap_or(usize::MAX));
            let exceeded = state.budget.exceeded_by(state.committed());
            state.used.set_checked(exceeded);
        });
    }

    /// The cap set by [`set_limit`](Self::set_limit) (`Some(usize::MAX)` reads back as `None`:
    /// it caps nothing).
    pub fn limit(&self) -> Option<usize> {
        self.with_state(|state| {
            let limit = state.budget.limit();
            (limit != usize::MAX).then_some(limit)
        })
    }

    /// Bytes currently handed out: exact (class sizes of live small blocks plus sizes of live
    /// large blocks). Derived when asked, not counted per block: from per-class block counts
    /// kept up when pools change places on their class's list (`used_lists.rs`), in
    /// O(size classes), so polling it does not grow with the heap. Callers that check a budget
    /// at every allocation of their own can first compare
    /// [`bytes_committed`](Self::bytes_committed), an O(1) upper bound.
    ///
    /// ```
    /// use std::alloc::Layout;
    /// let heap = pymm_alloc::Heap::new();
    /// let small = Layout::from_size_align(20, 8).unwrap();
    /// let large = Layout::from_size_align(1000, 8).unwrap();
    /// let (a, b) = (heap.alloc(small).unwrap(), heap.alloc(large).unwrap());
    /// assert_eq!(heap.bytes_handed_out(), 32 + 1000); // 20 bytes take a 32-byte block
    /// assert!(heap.bytes_committed() >= heap.bytes_handed_out());
    /// // SAFETY: allocated above with these layouts, freed once each.
    /// unsafe { heap.dealloc(a, small); heap.dealloc(b, large) };
    /// assert_eq!(heap.bytes_handed_out(), 0);
    /// ```
    pub fn bytes_handed_out(&self) -> usize {
        self.with_state(|state| state.bytes_handed_out())
    }

    /// Bytes the limit counts ([`set_limit`](Self::set_limit)): [`POOL_SIZE`](crate::POOL_SIZE)
    /// per pool held (serving blocks, full, or kept for its class) plus the sizes of live large
    /// blocks. At least [`bytes_handed_out`](Self::bytes_handed_out), and O(1): it changes only
    /// when a pool is taken or given back, or a large block is allocated, resized or freed.
    pub fn bytes_committed(&self) -> usize {
        self.with_state(|state| state.committed())
    }

    /// Stores an opaque word that [`owner_tag`](crate::owner_tag) returns for any live block
    /// of this heap (the owner of the heap may keep a pointer to its own state there).
    pub fn set_owner_tag(&self, tag: *const ()) {
        // SAFETY: the cell lives until Drop; Cell allows shared mutation.
        unsafe { self.owner.as_ref().set(tag) }
    }

    /// The word set by [`set_owner_tag`](Self::set_owner_tag) (null by default).
    pub fn get_owner_tag(&self) -> *const () {
        // SAFETY: as in set_owner_tag.
        unsafe { self.owner.as_ref().get() }
    }

    /// Gives every empty arena back to the OS now, instead of after the purge delay
    /// ([`set_purge_delay`](Self::set_purge_delay)); emptied pools kept for their size class
    /// are given back to their arenas first. Returns the bytes unmapped. Like
    /// `malloc_trim(0)` or `mi_collect(true)`.
    ///
    /// ```
    /// use pymm_alloc::{Heap, ARENA_SIZE};
    /// use std::alloc::Layout;
    ///
    /// let heap = Heap::new();
    /// let layout = Layout::from_size_align(64, 8).unwrap();
    /// let block = heap.alloc(layout).unwrap();
    /// // SAFETY: allocated above with this layout, freed once.
    /// unsafe { heap.dealloc(block, layout) };
    /// assert_eq!(heap.stats().arenas_current, 1); // kept for reuse
    /// assert_eq!(heap.trim(), ARENA_SIZE);
    /// assert_eq!(heap.stats().arenas_current, 0);
    /// ```
    pub fn trim(&self) -> usize {
        self.with_state(|state| {
            state.settle_kept_pools(true);
            state.arenas.trim()
        })
    }

    /// Sets how long an arena whose last pool was freed keeps its memory for reuse (10 ms by
    /// default, as mimalloc's `purge_delay`, counted from when it emptied or from when the
    /// heap last took a pool from an empty arena, whichever is later, so that memory the heap
    /// is drawing on again is not purged under it): after the delay its pages are given back with
    /// `madvise(MADV_DONTNEED)`, and ten delays later it is unmapped (one such arena stays
    /// mapped, without resident memory). The deadlines are checked when an arena empties and
    /// while pools are taken; [`trim`](Self::trim) gives everything back at once. A zero
    /// delay gives memory back as soon as an arena empties.
    ///
    /// ```
    /// use std::time::Duration;
    /// let heap = pymm_alloc::Heap::new();
    /// heap.set_purge_delay(Duration::ZERO);
    /// assert_eq!(heap.purge_delay(), Duration::ZERO);
    /// ```
    pub fn set_purge_delay(&self, delay: std::time::Duration) {
        self.with_state(|state| state.arenas.set_purge_delay(delay));
    }

    /// The delay set by [`set_purge_delay`](Self::set_purge_delay).
    pub fn purge_delay(&self) -> std::time::Duration {
        self.with_state(|state| state.arenas.purge_delay())
    }

    /// Asks for transparent huge pages, or not, for the arenas mapped from now on (on by
    /// default). A heap's first arena is always on small pages; the arenas after it are
    /// carved from a 2 MiB-aligned reservation which, with huge pages, backs each pair of
    /// arenas with one huge page: fewer TLB misses and page faults when blocks are freed in
    /// random order over many arenas, at the price of up to 1 MiB of peak resident memory (the
    /// upper arena of the last pair is resident from the first touch of the lower, and
    /// arenas are backed whole when carved). Off, every page is faulted in when a pool
    /// first touches it (CPython 3.11's pymalloc; CPython 3.14 asks for huge pages only
    /// under `PYTHON_PYMALLOC_HUGEPAGES=1`). Arenas already mapped keep
    /// their pages. Without kernel support for transparent huge pages the setting changes
    /// nothing.
    ///
    /// ```
    /// let heap = pymm_alloc::Heap::new();
    /// assert!(heap.huge_pages());
    /// heap.set_huge_pages(false);
    /// assert!(!heap.huge_pages());
    /// ```
    pub fn set_huge_pages(&self, huge: bool) {
        self.with_state(|state| state.arenas.set_huge_pages(huge));
    }

    /// Whether arenas mapped from now on ask for huge pages ([`set_huge_pages`](Self::set_huge_pages)).
    pub fn huge_pages(&self) -> bool {
        self.with_state(|state| state.arenas.huge_pages())
    }

    /// A snapshot of the heap's statistics.
    pub fn stats(&self) -> crate::Stats {
        self.with_state(|state| {
            state.used.write_back();
            crate::stats::collect(state)
        })
    }

    /// The map of every mapped arena and the state of each of its pools (see
    /// [`ArenaSnapshot`](crate::ArenaSnapshot)), arenas in address order.
    pub fn arena_map(&self) -> Vec<crate::ArenaSnapshot> {
        self.with_state(|state| {
            state.used.write_back();
            crate::snapshot::collect(state)
        })
    }

    /// Free counts of the usable arenas, fullest first (tests of the ordering), as the next
    /// pool taken from the arenas sees them: kept pools settled first.
    #[cfg(test)]
    pub(crate) fn usable_free_counts(&self) -> Vec<u32> {
        self.with_state(|state| {
            state.settle_kept_pools(true);
            state.arenas.usable_free_counts()
        })
    }
}

#[cfg(test)]
impl Heap {
    /// Bytes of the arena reservation not carved into arenas yet (`os.rs`).
    pub(crate) fn reservation_uncarved(&self) -> usize {
        self.with_state(|state| state.arenas.reservation.uncarved())
    }

    /// Mapped arenas linked with the other arena of their 2 MiB frame (`arena.rs`).
    pub(crate) fn paired_arenas(&self) -> usize {
        self.with_state(|state| {
            let mut paired = 0;
            state
                .arenas
                .for_each(|arena| paired += usize::from(!arena.partner.is_null()));
            paired
        })
    }

    /// Kept pools (tests of `kept.rs`): counted on the class lists, checked against the
    /// arenas' `kept` counters when they are kept up (more than one arena mapped).
    pub(crate) fn kept_pools(&self) -> usize {
        self.with_state(|state| {
            let on_lists = (0..crate::size_class::NUM_SIZE_CLASSES)
                .filter(|&class| state.used.head_is_kept(class))
                .count();
            let mut in_arenas = 0;
            state
                .arenas
                .for_each(|arena| in_arenas += arena.kept as usize);
            if state.arenas.current > 1 {
                assert_eq!(on_lists, in_arenas, "arenas' kept counters are off");
                assert_eq!(on_lists, state.arenas.kept, "the heap's kept total is off");
            }
            on_lists
        })
    }
}

/// The layout of a block of `size` bytes handed out by [`Heap::alloc_size`], if one exists.
#[inline]
fn size_layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size, crate::ALIGNMENT).ok()
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

impl std::fmt::Debug for Heap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Heap")
            .field("bytes_handed_out", &self.bytes_handed_out())
            .field("limit", &self.limit())
            .finish_non_exhaustive()
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: both came from Box::into_raw in `new` and are freed once, here; dropping
        // the state unmaps the arenas and frees large blocks (their Drop impls).
        unsafe {
            drop(Box::from_raw(self.state.as_ptr()));
            drop(Box::from_raw(self.owner.as_ptr()));
        }
    }
}

impl HeapState {
    /// Bytes handed out (see [`Heap::bytes_handed_out`]).
    pub fn bytes_handed_out(&self) -> usize {
        self.used.small_bytes() + self.large.bytes
    }

    /// Bytes the limit charges (`budget.rs`): a pool's size for every pool held, plus the
    /// sizes of live large blocks.
    pub fn committed(&self) -> usize {
        self.arenas.pools_held * crate::size_class::POOL_SIZE + self.large.bytes
    }

    /// Allocates a large block under the limit.
    pub fn alloc_large(&mut self, layout: Layout) -> Result<NonNull<u8>, AllocError> {
        if !self.budget.fits(self.committed(), layout.size()) {
            return Err(AllocError);
        }
        self.large.alloc(layout)
    }

    /// Frees a large block.
    ///
    /// # Safety
    /// `block` is a live large block of this heap allocated with `layout`.
    pub unsafe fn free_large(&mut self, block: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { self.large.dealloc(block, layout) };
    }

    /// Panics with a clear message unless `block` is the start of a live small block of this
    /// heap whose pool serves the class of `size`; returns the block's arena record. Reads the
    /// pool header only once a live block is known to start in that pool.
    #[cfg(debug_assertions)]
    pub fn check_small_live(&self, block: *mut u8, size: usize) -> *mut crate::types::Arena {
        use crate::pool::pool_of;
        use crate::size_class::{class_index, class_size};
        let Some(arena) = self.arenas.find(block.addr()) else {
            panic!(
                "pymm-alloc: dealloc of {block:p}, which no arena of this heap contains \
                 (foreign pointer, or a layout that does not match the allocation)"
            );
        };
        // SAFETY: records found by address are live.
        let live = unsafe { (*arena).live.is_set((*arena).base.addr(), block.addr()) };
        assert!(
            live,
            "pymm-alloc: double free of small block {block:p} \
             (or a pointer that is not the start of a live block)"
        );
        // SAFETY: a live block starts in this granule, so the pool header is initialised.
        let pool_class = unsafe { (*pool_of(block)).size_class } as usize;
        let offset =
            block.addr() % crate::size_class::POOL_SIZE - crate::size_class::POOL_HEADER_SIZE;
        assert!(
            offset.is_multiple_of(class_size(pool_class)),
            "pymm-alloc: dealloc of {block:p}, which points inside a block, not at its start"
        );
        assert!(
            pool_class == class_index(size),
            "pymm-alloc: dealloc of {block:p} with size {size} (class {} bytes), but its pool \
             serves {}-byte blocks: layout does not match the allocation",
            class_size(class_index(size)),
            class_size(pool_class)
        );
        arena
    }
}
