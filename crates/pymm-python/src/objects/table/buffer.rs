//! A table's buffer: one block of the thread's pymm heap, whose layout its owner knows (it
//! is not stored: a dict's or set's size says it), as CPython's keys objects and set tables.

use std::alloc::Layout;
use std::ptr::NonNull;

use crate::rt::allocator_api2::alloc::Allocator;

use crate::rt::ThreadHeapAllocator;

/// An allocated, not yet initialised block; freed only by [`Buffer::free`] with its layout.
pub(super) struct Buffer {
    block: NonNull<u8>,
}

impl Buffer {
    /// A block for `layout` (never zero-sized) from the thread's heap.
    ///
    /// # Panics
    /// Aborts through `handle_alloc_error` when memory is exhausted, as `Vec` does.
    pub(super) fn alloc(layout: Layout) -> Buffer {
        debug_assert!(layout.size() > 0);
        match ThreadHeapAllocator::new().allocate(layout) {
            Ok(block) => Buffer {
                block: block.cast(),
            },
            Err(_) => std::alloc::handle_alloc_error(layout),
        }
    }

    /// The block's first byte.
    pub(super) fn start(&self) -> NonNull<u8> {
        self.block
    }

    /// Frees the block (its contents must have been dropped or moved out).
    ///
    /// # Safety
    /// `layout` is the one the buffer was allocated with.
    pub(super) unsafe fn free(self, layout: Layout) {
        // SAFETY: allocated by this allocator with `layout` (forwarded contract), freed once
        // since `self` is consumed.
        unsafe { ThreadHeapAllocator::new().deallocate(self.block, layout) }
    }
}
