//! The allocation error.

use std::fmt;

/// An allocation failed: the heap's limit would be exceeded, the operating system refused
/// memory, or the layout's size overflows once the block's bookkeeping is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError;

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "memory allocation failed (heap limit reached, out of memory, or size overflow)",
        )
    }
}

impl std::error::Error for AllocError {}
