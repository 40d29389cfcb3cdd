//! The per-class lists of used pools (CPython's `usedpools`), and the heads the allocation
//! fast path reads.
//!
//! The heap limit is not checked on the fast path: it is checked when a pool is taken
//! (`budget.rs`). Only while a limit lowered below the heap's committed bytes is exceeded,
//! the fast path is shown no pool at all (`alloc_heads` is all null), so every small
//! allocation takes the slow path, which refuses it, or reopens the fast path once enough
//! was given back. Every change of a list head goes through this module, which
//! keeps the arrays in step.
//!
//! The head pool of each class *lends* its hot fields (free list, block count, high-water
//! mark: `types::PoolHot`) to its class's slot here, one compact array: allocating, and
//! freeing into a head pool, then touch nothing but the class's slot. Every other pool's hot
//! fields are its record in its arena's pool 0 (`pool::hot_of`), where a free into it finds
//! them by masking: compact too, but one more cache line per free. The fields go back to the
//! record when the pool stops heading the list, and [`UsedLists::write_back`] copies them
//! there for readers that walk the records.
//!
//! A class's slot holds its head, the fast path's head and the lent fields in 32 bytes, so
//! that either fast path finds all it needs at one offset.
//!
//! The blocks handed out per class are derived when asked ([`UsedLists::small_bytes`]), not
//! counted per block: the head's lent block count plus `others`, the blocks in use in the
//! class's other pools (behind the head, or full). `others` changes when a pool stops or starts
//! heading the list (its count moves in or out) and when a block goes back to a pool that does
//! not head it (the one per-block update, on the path that touches the pool's record anyway);
//! allocation only ever takes from the head, so it changes nothing there.
//!
//! *The phantom block.* In a heap of one arena, the kept lone pool of a class needs no work
//! when it empties or hands out a block again (`kept.rs`), yet the fast paths would still
//! test for both on every pair of alloc/free churn, where the pool empties on every free (the
//! test on the free, and on the allocation the `churning` store). So once a kept head is used
//! again in a one-arena heap, its lent block count includes one *phantom* block (its entry in
//! `phantom`): the count then never reaches 0 on a free nor starts from 0 on an allocation,
//! and neither fast path leaves its straight line. The phantom is only ever in the lent copy:
//! it is taken out when the pool stops heading its list (its record gets the real count), by
//! [`UsedLists::write_back`], and by every reader here (`real_count`); and all phantoms are
//! dropped when a second arena is mapped ([`UsedLists::drop_phantoms`]), since the kept
//! counters are kept up from then on. A pool with a phantom is alone on its list (it was kept
//! when it got it, and a pool linked in front of it takes the head, dropping the phantom).
//!
//! Invariants (`heads[c]` is `slots[c].head`, and so on):
//! - `heads[c]` heads the doubly linked list (through `PoolHeader::prev/next`) of class-`c`
//!   pools with a free block: used pools that are not full, and at most one kept pool (then
//!   alone, see `kept.rs`);
//! - `alloc_heads[c] == heads[c]` while `checked` is false; all null while it is true;
//! - `hot[c]` holds the live hot fields of `heads[c]` (if non-null, else `PoolHot::NONE`);
//!   that pool's record copy is stale, except right after `write_back`;
//! - `phantom[c]` is 1 only while `heads[c]` is alone on its list in a heap of one
//!   arena, and then `hot[c].ref_count` is one more than the blocks it has handed out (the
//!   real count, `real_count(c)`);
//! - `others[c]` = the `ref_count`s of every class-`c` pool but `heads[c]`, so that
//!   `others[c] + real_count(c)` blocks of class `c` are handed out.

use crate::pool::hot_of;
use crate::size_class::{class_size, NUM_SIZE_CLASSES};
use crate::types::{PoolHeader, PoolHot};
use std::ptr;

/// One class's list head, the fast path's view of it, and the head's lent hot fields.
#[repr(C, align(32))]
struct Slot {
    /// The head of the list of pools with a free block.
    head: *mut PoolHeader,
    /// What the allocation fast path reads: `head`, or null while `checked`.
    alloc_head: *mut PoolHeader,
    /// The hot fields lent by the head pool.
    hot: PoolHot,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 32);

/// The used lists of one heap (the slots first: see `HeapState`).
#[repr(C)]
pub(crate) struct UsedLists {
    /// Per class, its slot.
    slots: [Slot; NUM_SIZE_CLASSES],
    /// Per class, the blocks in use in its pools other than the head (module invariants).
    others: [usize; NUM_SIZE_CLASSES],
    /// Per class, 1 while the lent block count of its head includes the phantom block (module
    /// docs), else 0: subtracted as it is, with no bit to extract.
    phantom: [u32; NUM_SIZE_CLASSES],
    /// Every allocation must take the slow path (a lowered limit is exceeded).
    checked: bool,
}

impl UsedLists {
    /// Empty lists; the fast path open.
    pub fn new() -> UsedLists {
        UsedLists {
            slots: std::array::from_fn(|_| Slot {
                head: ptr::null_mut(),
                alloc_head: ptr::null_mut(),
                hot: PoolHot::NONE,
            }),
            others: [0; NUM_SIZE_CLASSES],
            phantom: [0; NUM_SIZE_CLASSES],
            checked: false,
        }
    }

    /// The pool the fast path may allocate from: the list head, or null (empty list, or every
    /// allocation must be checked).
    #[inline(always)]
    pub fn alloc_head(&self, class: usize) -> *mut PoolHeader {
        self.slots[class].alloc_head
    }

    /// The head of the class's list (null if empty).
    #[inline(always)]
    pub fn head(&self, class: usize) -> *mut PoolHeader {
        self.slots[class].head
    }

    /// Whether the class's list is headed by a kept pool (one with no block handed out,
    /// `kept.rs`).
    #[inline(always)]
    pub fn head_is_kept(&self, class: usize) -> bool {
        !self.slots[class].head.is_null() && self.real_count(class) == 0
    }

    /// The blocks the class's head pool has handed out: its lent count without the phantom.
    #[inline(always)]
    fn real_count(&self, class: usize) -> u32 {
        self.slots[class].hot.ref_count - self.phantom[class]
    }

    /// The head's lent hot fields as its record must hold them (without the phantom).
    #[inline(always)]
    fn real_hot(&self, class: usize) -> PoolHot {
        PoolHot {
            ref_count: self.real_count(class),
            ..self.slots[class].hot
        }
    }

    /// Adds the phantom block to the class's head, a kept pool alone on its list that just
    /// handed out a block again, in a heap of one arena (module docs); no-op if it has it.
    #[inline(always)]
    pub fn add_phantom(&mut self, class: usize) {
        debug_assert!(!self.slots[class].head.is_null());
        if self.phantom[class] == 0 {
            self.phantom[class] = 1;
            self.slots[class].hot.ref_count += 1;
        }
    }

    /// Takes the phantom out of every head's count: a second arena is being mapped, so kept
    /// pools are counted from now on and the fast paths must see them empty.
    pub fn drop_phantoms(&mut self) {
        for class in 0..NUM_SIZE_CLASSES {
            self.slots[class].hot.ref_count -= self.phantom[class];
            self.phantom[class] = 0;
        }
    }

    /// The live hot fields of the class's head pool (meaningless while the list is empty).
    #[inline(always)]
    pub fn head_hot(&mut self, class: usize) -> *mut PoolHot {
        &mut self.slots[class].hot
    }

    /// A block of `class` went back to a pool that does not head the class's list.
    #[inline(always)]
    pub fn freed_behind_head(&mut self, class: usize) {
        self.others[class] -= 1;
    }

    /// Bytes in small blocks handed out (class sizes): the per-class counts, derived from the
    /// heads' block counts and `others`, O(classes).
    pub fn small_bytes(&self) -> usize {
        (0..NUM_SIZE_CLASSES)
            .map(|class| {
                let blocks = self.others[class] + self.real_count(class) as usize;
                blocks * class_size(class)
            })
            .sum()
    }

    /// Copies every head's hot fields to its record, so that walks over the pools' records
    /// (statistics, arena map) read live figures. The copies here stay the live ones.
    pub fn write_back(&mut self) {
        for class in 0..NUM_SIZE_CLASSES {
            let head = self.slots[class].head;
            if !head.is_null() {
                // SAFETY: list heads are initialised pools, whose records are in pool 0.
                unsafe { *hot_of(head.cast()) = self.real_hot(class) };
            }
        }
    }

    /// `pool` becomes the head of the class's list: the old head (if any) takes its hot
    /// fields back, and `pool` lends its own.
    ///
    /// # Safety
    /// `pool` is null or an initialised pool of `class`; the old head is on the list.
    #[inline(always)]
    unsafe fn set_head(&mut self, class: usize, pool: *mut PoolHeader) {
        let old = self.slots[class].head;
        let old_count = self.real_count(class) as usize;
        // SAFETY: per the contract both are null or initialised pools.
        unsafe {
            if !old.is_null() {
                *hot_of(old.cast()) = self.real_hot(class);
            }
            self.phantom[class] = 0;
            self.slots[class].hot = if pool.is_null() {
                PoolHot::NONE
            } else {
                *hot_of(pool.cast())
            };
        }
        // The old head's blocks join the others, the new head's leave them.
        self.others[class] =
            self.others[class] + old_count - self.slots[class].hot.ref_count as usize;
        self.slots[class].head = pool;
        self.sync(class);
    }

    /// Whether the fast path is closed (a lowered limit is exceeded, `budget.rs`).
    pub fn is_checked(&self) -> bool {
        self.checked
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
        self.slots[class].alloc_head = if self.checked {
            ptr::null_mut()
        } else {
            self.slots[class].head
        };
    }

    /// Puts `pool` at the head of the class's list.
    ///
    /// # Safety
    /// `pool` is an initialised pool of `class` on no list.
    pub unsafe fn link_front(&mut self, class: usize, pool: *mut PoolHeader) {
        let head = self.slots[class].head;
        // SAFETY: both pools are initialised headers inside mapped arenas.
        unsafe {
            (*pool).prev = ptr::null_mut();
            (*pool).next = head;
            if !head.is_null() {
                (*head).prev = pool;
            }
            self.set_head(class, pool);
        }
    }

    /// Puts `pool`, just taken from its arena with the block it handed out counted in its
    /// record only, at the head of the class's list (that block joins the class's count).
    ///
    /// # Safety
    /// As for [`link_front`](Self::link_front); the pool's record counts one block handed out.
    pub unsafe fn link_new_front(&mut self, class: usize, pool: *mut PoolHeader) {
        // The new head's one block leaves the others in `set_head`: it was never in them.
        self.others[class] += 1;
        // SAFETY: per the contract.
        unsafe { self.link_front(class, pool) };
    }

    /// Removes `pool` from the class's list.
    ///
    /// # Safety
    /// `pool` is on that list.
    #[inline(always)]
    pub unsafe fn unlink(&mut self, class: usize, pool: *mut PoolHeader) {
        // SAFETY: the pool and its neighbours are initialised headers on the same list.
        unsafe {
            let (prev, next) = ((*pool).prev, (*pool).next);
            if prev.is_null() {
                self.set_head(class, next);
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
        }
    }
}
