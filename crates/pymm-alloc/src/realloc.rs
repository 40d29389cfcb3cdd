//! Resizing blocks.
//!
//! Rules (CPython's `pymalloc_realloc`, simplified to keep layouts exact):
//! - small -> small in the same size class: the block stays where it is;
//! - large -> large: the system `realloc` (it may move; the prefix moves with the data);
//! - anything else: allocate the new block, copy the smaller size, free the old one. The new
//!   block is allocated while the old one is live, so both must fit under the limit.

use crate::error::AllocError;
use crate::heap::HeapState;
use crate::is_small;
use crate::size_class::class_index;
use std::alloc::Layout;
use std::ptr::{self, NonNull};

impl HeapState {
    /// Resizes `block` (allocated with `old`) to `new_size` bytes with the same alignment.
    ///
    /// # Safety
    /// `block` is live in this heap with layout `old`; on `Ok` the old pointer is invalid
    /// unless equal to the returned one.
    pub unsafe fn realloc(
        &mut self,
        block: NonNull<u8>,
        old: Layout,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        let new = Layout::from_size_align(new_size, old.align()).map_err(|_| AllocError)?;
        match (is_small(old), is_small(new)) {
            (true, true) if class_index(old.size()) == class_index(new_size) => {
                #[cfg(debug_assertions)]
                self.check_small_live(block.as_ptr(), old.size());
                Ok(block)
            }
            // SAFETY: forwarded contract.
            (false, false) => unsafe { self.realloc_large(block, old, new_size) },
            // SAFETY: forwarded contract.
            _ => unsafe { self.realloc_by_moving(block, old, new) },
        }
    }

    /// # Safety
    /// As for `realloc`, with both layouts large.
    unsafe fn realloc_large(
        &mut self,
        block: NonNull<u8>,
        old: Layout,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        if new_size > old.size() && !self.budget.fits(self.committed(), new_size - old.size()) {
            return Err(AllocError);
        }
        // SAFETY: forwarded contract.
        unsafe { self.large.realloc(block, old, new_size) }
    }

    /// # Safety
    /// As for `realloc`.
    unsafe fn realloc_by_moving(
        &mut self,
        block: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<u8>, AllocError> {
        let moved = if is_small(new) {
            self.alloc_small(new.size())?
        } else {
            self.alloc_large(new)?
        };
        // SAFETY: two distinct live blocks, each valid for at least the copied length; then
        // the old block is freed with the layout it was allocated with.
        unsafe {
            let len = old.size().min(new.size());
            ptr::copy_nonoverlapping(block.as_ptr(), moved.as_ptr(), len);
            if is_small(old) {
                self.free_small(block.as_ptr(), old.size());
            } else {
                self.free_large(block, old);
            }
        }
        Ok(moved)
    }
}
