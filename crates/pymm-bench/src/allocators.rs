//! The allocators the `alloc` and `rss` suites compare, behind one small trait.
//!
//! Every contender is called directly (not through the global allocator), so each measures
//! only itself: glibc through `std::alloc::System`, mimalloc through `mi_malloc`/`mi_free`,
//! pymm through a `pymm_alloc::Heap`.
//!
//! ```
//! use pymm_bench::allocators::{Glibc, RawAllocator};
//!
//! let mut glibc = Glibc;
//! let block = glibc.allocate(32).expect("32 bytes");
//! // SAFETY: `block` came from `glibc.allocate(32)` and is freed once.
//! unsafe { glibc.release(block, 32) };
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr::NonNull;

/// Alignment asked of every contender: what a pointer-holding object needs.
pub const ALIGN: usize = 8;

/// A byte allocator under test.
pub trait RawAllocator {
    /// Contender name used in tables and JSON.
    const NAME: &'static str;

    /// A block of `size` bytes (1..=512 in these suites), or `None` when out of memory.
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>>;

    /// Frees a block.
    ///
    /// # Safety
    /// `block` was returned by `allocate(size)` on this allocator and is not freed yet.
    unsafe fn release(&mut self, block: NonNull<u8>, size: usize);

    /// Asks the allocator to hand unused memory back to the OS (`malloc_trim`,
    /// `mi_collect`, `Heap::trim`).
    fn give_back(&mut self);
}

fn layout_of(size: usize) -> Layout {
    Layout::from_size_align(size, ALIGN).expect("benchmark sizes are small and valid")
}

/// glibc malloc, through `std::alloc::System`.
#[derive(Debug, Default)]
pub struct Glibc;

impl RawAllocator for Glibc {
    const NAME: &'static str = "glibc";

    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        // SAFETY: the layout has a non-zero size (the suites never ask for 0 bytes).
        NonNull::new(unsafe { System.alloc(layout_of(size)) })
    }

    unsafe fn release(&mut self, block: NonNull<u8>, size: usize) {
        // SAFETY: the caller guarantees `block` came from `allocate(size)`, i.e. from
        // `System.alloc` with this same layout, and is freed once.
        unsafe { System.dealloc(block.as_ptr(), layout_of(size)) }
    }

    fn give_back(&mut self) {
        // SAFETY: malloc_trim only walks glibc's own free lists; any pad value is valid.
        unsafe { libc::malloc_trim(0) };
    }
}

/// mimalloc, through its C API.
#[derive(Debug, Default)]
pub struct Mimalloc;

impl RawAllocator for Mimalloc {
    const NAME: &'static str = "mimalloc";

    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        // SAFETY: mi_malloc accepts any size and returns null or a block of at least `size`
        // bytes aligned to at least 8 (its minimum alignment is 16 on 64-bit targets).
        NonNull::new(unsafe { libmimalloc_sys::mi_malloc(size) }.cast())
    }

    unsafe fn release(&mut self, block: NonNull<u8>, _size: usize) {
        // SAFETY: the caller guarantees `block` came from `mi_malloc` and is freed once.
        unsafe { libmimalloc_sys::mi_free(block.as_ptr().cast()) }
    }

    fn give_back(&mut self) {
        // SAFETY: mi_collect only releases mimalloc's own unused pages and segments.
        unsafe { libmimalloc_sys::mi_collect(true) };
    }
}

/// pymm's pool allocator: one `pymm_alloc::Heap`, like one CPython interpreter.
#[derive(Default)]
pub struct PymmPools {
    heap: pymm_alloc::Heap,
}

impl PymmPools {
    /// A fresh heap (no arena is mapped until the first allocation).
    pub fn new() -> Self {
        PymmPools {
            heap: pymm_alloc::Heap::new(),
        }
    }

    /// The heap's statistics table, as `sys._debugmallocstats()` would print it.
    pub fn stats_table(&self) -> String {
        self.heap.stats().to_string()
    }
}

impl RawAllocator for PymmPools {
    const NAME: &'static str = "pymm";

    /// By size alone, as `mi_malloc` is called: no `Layout` to build and check per call.
    fn allocate(&mut self, size: usize) -> Option<NonNull<u8>> {
        self.heap.alloc_size(size).ok()
    }

    unsafe fn release(&mut self, block: NonNull<u8>, size: usize) {
        // SAFETY: the caller guarantees `block` came from `self.heap.alloc_size(size)` and is
        // freed once.
        unsafe { self.heap.dealloc_size(block, size) }
    }

    fn give_back(&mut self) {
        // Empty arenas stay mapped for reuse until their purge delay passes; `trim` gives
        // them back now, as `malloc_trim` and `mi_collect` do for the others.
        self.heap.trim();
    }
}
