//! The per-class lists of used pools (CPython's `usedpools`), and the heads the allocation
//! fast path reads.
//!
//! The heap limit is not checked on the fast path. Instead, while a limit is set, the fast
//! path is shown no pool at all (`alloc_heads` is all null), so every small allocation takes
//! the slow path, which checks the limit before handing out a block; a heap without a limit
//! pays nothing for the feature. Every change of a list head goes through this module, which
//! keeps the two arrays in step.
//!
//! Invariants:
//! - `heads[c]` heads the doubly linked list (through `PoolHeader::prev/next`) of class-`c`
//!   pools with a free block: used pools that are not full, and at most one kept pool (then
//!   alone, see `kept.rs`);
//! - `alloc_heads[c] == heads[c]` while `checked` is false; all null while it is true.

use crate::size_class::NUM_SIZE_CLASSES;
use crate::types::PoolHeader;
use std::ptr;

/// The used lists of one heap.
pub(crate) struct UsedLists {
    /// Per class, the head of the list of pools with a free block.
    heads: [*mut PoolHeader; NUM_SIZE_CLASSES],
    /// What the allocation fast path reads: `heads`, or all null while `checked`.
    alloc_heads: [*mut PoolHeader; NUM_SIZE_CLASSES],
    /// Every allocation must take the slow path (a limit is set).
    checked: bool,
}

impl UsedLists {
    /// Empty lists; the fast path open.
    pub fn new() -> UsedLists {
        UsedLists {
            heads: [ptr::null_mut(); NUM_SIZE_CLASSES],
            alloc_heads: [ptr::null_mut(); NUM_SIZE_CLASSES],
            checked: false,
        }
    }

    /// The pool the fast path may allocate from: the list head, or null (empty list, or every
    /// allocation must be checked).
    #[inline(always)]
    pub fn alloc_head(&self, class: usize) -> *mut PoolHeader {
        self.alloc_heads[class]
    }

    /// The head of the class's list (null if empty).
    #[inline(always)]
    pub fn head(&self, class: usize) -> *mut PoolHeader {
        self.heads[class]
    }

    /// Closes (`true`) or opens the fast path for every class.
    pub fn set_checked(&mut self, checked: bool) {
        self.checked = checked;
        for class in 0..NUM_SIZE_CLASSES {
            self.sync(class);
        }
    }

    /// Copies a changed head to the fast path's array.
    #[inline(always)]
    fn sync(&mut self, class: usize) {
        self.alloc_heads[class] = if self.checked {
            ptr::null_mut()
        } else {
            self.heads[class]
        };
    }

    /// Puts `pool` at the head of the class's list.
    ///
    /// # Safety
    /// `pool` is an initialised pool of `class` on no list.
    pub unsafe fn link_front(&mut self, class: usize, pool: *mut PoolHeader) {
        let head = self.heads[class];
        // SAFETY: both pools are initialised headers inside mapped arenas.
        unsafe {
            (*pool).prev = ptr::null_mut();
            (*pool).next = head;
            if !head.is_null() {
                (*head).prev = pool;
            }
        }
        self.heads[class] = pool;
        self.sync(class);
    }

    /// Removes `pool` from the class's list.
    ///
    /// # Safety
    /// `pool` is on that list.
    pub unsafe fn unlink(&mut self, class: usize, pool: *mut PoolHeader) {
        // SAFETY: the pool and its neighbours are initialised headers on the same list.
        unsafe {
            let (prev, next) = ((*pool).prev, (*pool).next);
            if prev.is_null() {
                self.heads[class] = next;
                self.sync(class);
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
        }
    }
}
