//! Small blocks: allocation and free.
//!
//! The fast paths are what `Heap::alloc` and `Heap::dealloc` inline into their callers: a pop
//! from (push onto) the head pool's free list, or carving the next never-used block, and the
//! pool's block count; nothing of the heap's (the bytes handed out are derived when asked,
//! `used_lists.rs`; a free into a pool that does not head its list counts one block out of
//! its class's others there). The head pool's free list and count
//! are lent to the heap (`used_lists.rs`), so allocating, and freeing a block of a head pool,
//! touch nothing of the pool's but the block; freeing into any other pool touches its record
//! in the arena's pool 0 (`pool::hot_of`), never its header. No statistics are counted (they
//! are computed from the pools' records when asked, `stats.rs`) and the limit is not checked there:
//! it is checked when a pool is taken (`budget.rs`). Everything rarer (a pool filling
//! up or emptying, a kept pool handing out a block again, a new pool, a limited heap) is a
//! call, so the fast paths need no saved registers; the one exception is the lone pool of
//! a one-arena heap emptying, which needs no work and is recognised inline.

use crate::error::AllocError;
use crate::heap::HeapState;
use crate::pool::{self, pool_of};
use crate::size_class::{class_index, POOL_SIZE};
use crate::types::PoolHeader;
use std::ptr::NonNull;

impl HeapState {
    /// Allocates a small block: the fast path pops the head pool of the class.
    #[inline(always)]
    pub fn alloc_small(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let class = class_index(size);
        let pool = self.used.alloc_head(class);
        if !pool.is_null() {
            let hot = self.used.head_hot(class);
            // SAFETY: a pool on a used list has a free block, which holds the next link
            // (null when the next block is still to be carved); the head's live hot fields
            // are `hot`. If the pool has no room after this block, nothing was changed and
            // the slow path takes over.
            unsafe {
                let block = (*hot).free_block;
                let mut next = block.cast::<*mut u8>().read();
                if next.is_null() {
                    next = pool::carve_next(pool, hot, class);
                }
                if !next.is_null() {
                    let count = (*hot).ref_count;
                    (*hot).free_block = next;
                    (*hot).ref_count = count + 1;
                    if count == 0 {
                        self.kept_pool_reused(pool);
                    }
                    return Ok(self.hand_out(block));
                }
            }
        }
        self.alloc_small_slow(size)
    }

    /// Everything the fast path leaves: an exceeded lowered limit, the pool filling up, or no
    /// pool with room in the class (a new pool is checked against the limit).
    #[cold]
    #[inline(never)]
    fn alloc_small_slow(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let class = class_index(size);
        if self.used.is_checked() {
            self.reopen_under_limit()?;
        }
        let pool = self.used.head(class);
        let block = if pool.is_null() {
            self.alloc_from_new_pool(class)?
        } else {
            // SAFETY: pools on a used list have a free block (module invariant); a pool with
            // no block handed out there is kept.
            unsafe {
                if self.used.head_is_kept(class) {
                    self.kept_pool_reused(pool);
                }
                let (block, now_full) = pool::pop_block(pool, self.used.head_hot(class), class);
                if now_full {
                    self.used.unlink(class, pool);
                }
                block
            }
        };
        // SAFETY: the block was just taken from a pool.
        Ok(unsafe { self.hand_out(block) })
    }

    /// The fast path is closed because the heap's committed bytes exceed a lowered limit:
    /// fails while they still do (kept pools given back first, as they are charged too);
    /// otherwise reopens the fast path.
    #[cold]
    fn reopen_under_limit(&mut self) -> Result<(), AllocError> {
        if self.budget.exceeded_by(self.committed()) {
            self.settle_kept_pools(true);
            if self.budget.exceeded_by(self.committed()) {
                return Err(AllocError);
            }
        }
        self.used.set_checked(false);
        Ok(())
    }

    /// Returns a block just taken from a pool (debug builds mark it live).
    ///
    /// # Safety
    /// `block` is a block of a used pool, just taken off its free list.
    #[inline(always)]
    unsafe fn hand_out(&mut self, block: *mut u8) -> NonNull<u8> {
        #[cfg(debug_assertions)]
        // SAFETY: the block was just handed out, so its pool header names its live arena.
        unsafe {
            let arena = (*pool_of(block)).arena;
            (*arena).live.set((*arena).base.addr(), block.addr());
        }
        // SAFETY: blocks are inside mapped arenas, never null.
        unsafe { NonNull::new_unchecked(block) }
    }

    /// The class has no pool with room: take a free pool from the arenas (kept pools that do
    /// not churn settled first, see `kept.rs`). An emptied pool that last served this class is
    /// used as it is, with its free list (CPython's `allocate_from_new_pool`); any other one
    /// is formatted.
    fn alloc_from_new_pool(&mut self, class: usize) -> Result<*mut u8, AllocError> {
        self.settle_kept_pools(false);
        if !self.budget.fits(self.committed(), POOL_SIZE) {
            // Kept pools are charged too: give them all back before refusing.
            self.settle_kept_pools(true);
            if !self.budget.fits(self.committed(), POOL_SIZE) {
                return Err(AllocError);
            }
        }
        let first_arena = self.arenas.only_arena();
        let taken = self.arenas.take_pool().ok_or(AllocError)?;
        if !first_arena.is_null() && self.arenas.current == 2 {
            // Kept pools are counted from now on: the fast paths must see them empty again.
            self.used.drop_phantoms();
            // SAFETY: taking the pool mapped a second arena; the first one is still mapped.
            unsafe { self.recount_kept_pools(first_arena) };
        }
        let pool = taken.pool;
        // SAFETY: the pool was just taken from its arena and holds no live block; a formatted
        // one keeps its header, and its free list holds every block it ever carved, so it has
        // room. Either way it has room after the first block: it goes on the used list.
        unsafe {
            let block = if taken.formatted && (*pool).size_class as usize == class {
                (*pool).churning = false;
                pool::pop_block(pool, pool::hot_of(pool.cast()), class).0
            } else {
                pool::init_pool(pool, taken.arena, class)
            };
            self.used.link_new_front(class, pool);
            Ok(block)
        }
    }

    /// Frees a small block: push on its pool's free list; fix lists only on transitions.
    ///
    /// # Safety
    /// `block` is a live small block of this heap allocated with size `size`.
    #[inline(always)]
    pub unsafe fn free_small(&mut self, block: *mut u8, size: usize) {
        #[cfg(debug_assertions)]
        {
            let arena = self.check_small_live(block, size);
            // SAFETY: check_small_live returned the block's live arena record.
            unsafe { (*arena).live.clear((*arena).base.addr(), block.addr()) };
        }
        let pool = pool_of(block);
        let class = class_index(size);
        // Two arms, not one push through a selected pointer: the head test is then a
        // predicted branch, and the push does not wait for it (a select would put the
        // compare on the path of every free's loads).
        if pool == self.used.head(class) {
            // SAFETY: per the contract the block is live in `pool`, which heads its class's
            // list and so lends its hot fields; a pool on a list is not full.
            let outcome = unsafe { pool::push_block(self.used.head_hot(class), block) };
            // SAFETY: as above; the head pool's header is initialised.
            if outcome.now_empty && !unsafe { self.keeping_needs_no_work(pool) } {
                // SAFETY: as above.
                unsafe { self.head_pool_emptied(pool, class) };
            }
        } else {
            // SAFETY: per the contract the block is live in `pool`, a used pool of its class
            // that does not head the list, so its record holds its hot fields.
            let outcome = unsafe { pool::push_block(pool::hot_of(block), block) };
            self.used.freed_behind_head(class);
            if outcome.was_full || outcome.now_empty {
                // SAFETY: as above.
                unsafe { self.pool_transition(pool, outcome) };
            }
        }
    }

    /// Whether `pool`, a head pool just emptied, is alone on its list in a heap of one arena:
    /// then it is kept with no work at all (the kept counters are left alone while one arena
    /// is mapped, `kept.rs`). Tested inline, so that alloc/free churn of one class, where the
    /// lone pool empties on every free, makes no call: the arena count comes first, as it
    /// sits in the heap's state, while the pool's header may not be in the cache.
    ///
    /// # Safety
    /// `pool` is an initialised pool.
    #[inline(always)]
    unsafe fn keeping_needs_no_work(&self, pool: *mut PoolHeader) -> bool {
        // SAFETY: per the contract.
        self.arenas.current <= 1 && unsafe { (*pool).next.is_null() }
    }

    /// The head pool of `class` just got its last block back. Out of line, so that the free
    /// path inlined at every call site stays small; a leaf for the common case of alloc/free
    /// churn (the lone pool of a class is kept), with the list and arena work in a call of
    /// its own.
    ///
    /// # Safety
    /// `pool` heads the list of `class` and holds no live block.
    #[inline(never)]
    unsafe fn head_pool_emptied(&mut self, pool: *mut PoolHeader, class: usize) {
        // SAFETY: per the contract; a head with no successor is alone on its list.
        unsafe {
            if (*pool).next.is_null() {
                self.keep_pool(pool);
            } else {
                self.pool_emptied_among_others(pool, class);
            }
        }
    }

    /// A pool that does not head its list got a block back, which filled an empty slot in a
    /// full pool or emptied it. Out of line, as above.
    ///
    /// # Safety
    /// `pool` is a used pool, not a list head, that just got a block back.
    #[inline(never)]
    unsafe fn pool_transition(&mut self, pool: *mut PoolHeader, outcome: pool::PushOutcome) {
        // A pool holds at least 31 blocks, so it cannot go from full to empty in one free.
        debug_assert!(!(outcome.was_full && outcome.now_empty));
        // SAFETY: a full pool is on no list; an emptied one is on its class's list, behind
        // the head, so never alone there.
        unsafe {
            let class = (*pool).size_class as usize;
            if outcome.was_full {
                self.relink_full_pool(pool, class);
            } else {
                self.pool_emptied_among_others(pool, class);
            }
        }
    }

    /// A pool emptied while other pools of its class have room: off the list, back to its
    /// arena (which may then be unmapped).
    ///
    /// # Safety
    /// `pool` is an emptied pool of `class` on its class's list.
    #[inline(never)]
    unsafe fn pool_emptied_among_others(&mut self, pool: *mut PoolHeader, class: usize) {
        // SAFETY: per the contract.
        unsafe {
            self.used.unlink(class, pool);
            self.return_pool(pool);
        }
    }
}
