//! Kept pools: an emptied pool that is the only pool of its size class stays formatted on the
//! class's used list instead of going back to its arena at once.
//!
//! Why: with one live block at a time (alloc, free, alloc, ...) the class's only pool empties
//! on every free. Giving it back to the arena and taking and formatting it again on the next
//! allocation cost more than the allocation itself (CPython pays that price; mimalloc keeps
//! such a page, "retired", for a while). A kept pool serves the next allocation of its class
//! from its intact free list, with no list or arena work at all.
//!
//! A kept pool is only deferred; arena-level decisions see it as given back:
//! - Before a pool is taken from the arenas, every kept pool that does not *churn* is settled
//!   (given back), so LIFO reuse of emptied pools and "an emptied pool may serve any size
//!   class" hold as without keeping. A pool churns once it was kept and then handed out a
//!   block again: its class allocates and frees in turn, and settling it would only make the
//!   class take a pool again at once (and with many classes churning, each new pool would
//!   evict the others' in a cascade). Kept pools are at most one per class, 32 in all.
//! - Kept pools never keep an arena from emptying (and so from being purged, `arena.rs`) while
//!   another arena is empty. An arena holding nothing but free and kept pools may *stand in
//!   for the spare*, as long as no other arena is empty or standing in; otherwise every kept
//!   pool is settled, and the arenas that are now wholly free are empty, purged and unmapped
//!   as usual. So churn in an arena of its own (say, after long-lived data filled the others)
//!   costs no arena work either.
//! - A kept pool is alone on its list: when a full pool of its class gets a block back, the
//!   kept pool is settled before the other pool goes on the list.
//!
//! In a heap of one arena, a kept pool used again gets a phantom block in its lent count
//! (`used_lists.rs`), so that its class's churn no longer passes through here at all.
//!
//! Invariants (with those of `types.rs`): a pool with `ref_count == 0` (its real count,
//! without the phantom) on a used list is kept,
//! and it is the list's only pool; while more than one arena is mapped, `Arena::kept` counts
//! the kept pools of each arena and `Arenas::kept` their sum; an arena that holds kept pools
//! and no used pool is `Arenas::standing_spare`, and then it is the only one and no arena is
//! empty. With a single arena mapped there is nothing to decide between arenas, so the
//! counters are left alone (alloc/free churn then does no arena work at all) and are
//! recounted when a second arena is mapped.

use crate::heap::HeapState;
use crate::size_class::{NUM_SIZE_CLASSES, POOLS_PER_ARENA};
use crate::types::{Arena, PoolHeader};

impl HeapState {
    /// Keeps `pool`, just emptied and alone on its class's list, where it is.
    ///
    /// # Safety
    /// `pool` is an initialised pool with no live block, alone on its class's used list.
    #[inline(always)]
    pub(crate) unsafe fn keep_pool(&mut self, pool: *mut PoolHeader) {
        if self.arenas.current > 1 {
            // SAFETY: per the contract the header is initialised and names its live arena.
            unsafe {
                let arena = (*pool).arena;
                (*arena).kept += 1;
                self.arenas.kept += 1;
                if holds_only_kept_and_free(arena) {
                    self.stand_in_or_settle(arena);
                }
            }
        }
    }

    /// A kept pool (found with no block handed out at the head of its class's list) hands
    /// out a block again. In a heap of one arena its count gets the phantom block
    /// (`used_lists.rs`), so that its churn no longer comes here nor empties it on the free
    /// path. (The class is read from the header, whose line the `churning` store brings in
    /// anyway: taking it from the caller would make the allocation fast path compute the
    /// class index for this rare branch, one instruction more on every allocation.)
    ///
    /// # Safety
    /// `pool` is a kept pool.
    #[inline(always)]
    pub(crate) unsafe fn kept_pool_reused(&mut self, pool: *mut PoolHeader) {
        // SAFETY: a kept pool's header is initialised and names its live arena.
        unsafe {
            (*pool).churning = true;
            if self.arenas.current > 1 {
                (*(*pool).arena).kept -= 1;
                self.arenas.kept -= 1;
            } else {
                self.used.add_phantom((*pool).size_class as usize);
            }
        }
    }

    /// A second arena was just mapped: the first one's `kept` counter, left alone while it
    /// was the only arena, is set to its number of kept pools (all kept pools are in it).
    ///
    /// # Safety
    /// `first_arena` is the live record of the arena mapped before the second one.
    pub(crate) unsafe fn recount_kept_pools(&mut self, first_arena: *mut Arena) {
        let kept = (0..NUM_SIZE_CLASSES)
            .filter(|&class| self.used.head_is_kept(class))
            .count();
        self.arenas.kept = kept;
        // SAFETY: per the contract.
        unsafe { (*first_arena).kept = kept as u32 };
    }

    /// Puts a pool that was full, and just got a block back, at the head of its class's list,
    /// settling the kept pool there first (a kept pool stays alone on its list).
    ///
    /// # Safety
    /// `pool` is an initialised pool of `class` on no list, with a free block.
    #[inline(never)]
    pub(crate) unsafe fn relink_full_pool(&mut self, pool: *mut PoolHeader, class: usize) {
        // SAFETY: a kept head is an initialised pool alone on its list; `pool` is on none.
        unsafe {
            if self.used.head_is_kept(class) {
                let kept = self.take_kept_pool(class);
                self.return_pool(kept);
            }
            self.used.link_front(class, pool);
        }
    }

    /// Gives kept pools back to their arenas (each may then be unmapped): all of them, or only
    /// those that do not churn. Settling never makes an arena hold only kept pools (it
    /// lowers `kept` and raises `free_count` together), so no further check is needed.
    #[cold]
    #[inline(never)]
    pub(crate) fn settle_kept_pools(&mut self, even_churning: bool) {
        if self.arenas.current > 1 && self.arenas.kept == 0 {
            // The counters are kept up and say there is no kept pool: nothing to look for
            // among the 32 classes (a heap of many arenas takes pools often).
            return;
        }
        for class in 0..NUM_SIZE_CLASSES {
            let head = self.used.head(class);
            // SAFETY: list heads are initialised pools; the one with no block handed out is
            // the class's kept pool, which goes back to its arena off every list.
            unsafe {
                if self.used.head_is_kept(class) && (even_churning || !(*head).churning) {
                    let kept = self.take_kept_pool(class);
                    self.arenas.give_back(kept);
                }
            }
        }
    }

    /// Takes the kept pool of `class` off its list (and off its arena's kept count).
    ///
    /// # Safety
    /// The head of the class's list is a kept pool.
    unsafe fn take_kept_pool(&mut self, class: usize) -> *mut PoolHeader {
        let pool = self.used.head(class);
        // SAFETY: per the contract; being kept, it is the list's only pool.
        unsafe {
            debug_assert!((*pool).next.is_null(), "a kept pool is alone on its list");
            self.used.unlink(class, pool);
            if self.arenas.current > 1 {
                (*(*pool).arena).kept -= 1;
                self.arenas.kept -= 1;
            }
        }
        pool
    }

    /// Gives an emptied pool, on no list, back to its arena, keeping at most one arena with
    /// nothing in use mapped.
    ///
    /// # Safety
    /// `pool` is an initialised pool with no live block, on no list.
    pub(crate) unsafe fn return_pool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: the header names its live arena. An arena with kept pools cannot become
        // wholly free here, so it is still mapped when checked after `give_back`; the standing
        // spare is never a dangling pointer.
        unsafe {
            let arena = (*pool).arena;
            let has_kept = self.arenas.current > 1 && (*arena).kept > 0;
            let wholly_free = self.arenas.give_back(pool);
            if has_kept && self.arenas.current > 1 && holds_only_kept_and_free(arena) {
                self.stand_in_or_settle(arena);
            } else if wholly_free && self.another_stands_in(arena) {
                self.settle_kept_pools(true);
            }
        }
    }

    /// `arena` holds nothing but free and kept pools, and other arenas are mapped: it stands
    /// in for the spare if there is none; otherwise every kept pool is settled.
    ///
    /// # Safety
    /// `arena` is a live record.
    #[cold]
    #[inline(never)]
    unsafe fn stand_in_or_settle(&mut self, arena: *mut Arena) {
        if self.arenas.empty_exists() || self.another_stands_in(arena) {
            self.settle_kept_pools(true);
        } else {
            self.arenas.standing_spare = arena;
        }
    }

    /// Whether an arena other than `arena` stands in for the spare.
    fn another_stands_in(&self, arena: *mut Arena) -> bool {
        if self.arenas.current <= 1 {
            return false; // no other arena, and the counters are left alone
        }
        let standing = self.arenas.standing_spare;
        // SAFETY: the standing spare is null or a live record (cleared when unmapped).
        !standing.is_null() && standing != arena && unsafe { holds_only_kept_and_free(standing) }
    }
}

/// Whether `arena` holds kept pools and free ones, and nothing else.
///
/// # Safety
/// `arena` is a live record.
#[inline(always)]
unsafe fn holds_only_kept_and_free(arena: *mut Arena) -> bool {
    // SAFETY: per the contract.
    unsafe {
        (*arena).kept > 0 && ((*arena).free_count + (*arena).kept) as usize == POOLS_PER_ARENA
    }
}
