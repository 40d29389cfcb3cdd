//! The allocator's data structures and their exact layouts.
//!
//! ```text
//! PoolHeader (48 bytes, at the start of every 16 KiB pool, #[repr(C)])
//!   off  0  hot: PoolHot     the fields the fast paths touch (lent to the heap while the
//!                            pool heads its class's used list, see `used_lists.rs`):
//!     off  0  free_block       ptr   next block to hand out; null = pool is full
//!     off  8  ref_count        u32   blocks handed out from this pool
//!     off 12  next_offset      u16   offset of the first never-carved block (high-water mark)
//!     off 14  max_next_offset  u16   largest offset at which a whole block still fits
//!   off 16  size_class       u16   class index 0..32 (kept while the pool is emptied)
//!   off 18  churning         bool  emptied and used again since formatted (see kept.rs)
//!   off 24  next             ptr   next pool in usedpools[class] / in the arena's free list
//!   off 32  prev             ptr   previous pool in usedpools[class]
//!   off 40  arena            ptr   the Arena record this pool belongs to
//!
//! Arena (heap-allocated record, one per mapped arena; the arena memory holds only pools)
//!   base, owner, free_pools, untouched, free_count, kept, prev/next (usable list),
//!   all_prev/all_next (every mapped arena), empty_since + purged (while wholly free: kept
//!   for reuse, purged after the delay, see `arena.rs`), and in debug builds a live-block
//!   bitmap
//!
//! No statistic is counted per block: `Heap::stats` walks the pool headers of every arena
//! (`ref_count` and `size_class` say all), as CPython's `_PyObject_DebugMallocStats`. The one
//! per-block figure is the heap's exact byte count (`budget.rs`).
//!
//! LargeHeader (48 bytes, immediately before every large block)
//!   prev, next (intrusive list of live large blocks), owner, size, align, magic
//! ```
//!
//! Invariants:
//! - the hot fields of a pool heading its class's used list live in the heap
//!   (`UsedLists::hot`), and its header's copy is stale until written back; every other
//!   pool's hot fields are its header's (below, `ref_count` and `free_block` mean the live
//!   copy);
//! - a pool with `ref_count > 0` is *used*: it is in `usedpools[size_class]` iff
//!   `free_block` is non-null; a full pool (`free_block` null) is on no list;
//! - a pool with `ref_count == 0` and index `< untouched` is either on its arena's
//!   `free_pools`, or *kept*: still formatted, alone on `usedpools[size_class]` (see `kept.rs`);
//! - `free_count` = pools on `free_pools` + pools never touched (`POOLS_PER_ARENA - untouched`);
//! - `kept` = the arena's kept pools; an arena with kept pools and no used pool stands in for
//!   the spare, and is the only one while no arena is empty (see `kept.rs`);
//! - an arena is *empty* iff `free_count == POOLS_PER_ARENA`; then `empty_since` is set; once
//!   `purged`, its memory was given back and every pool counts as untouched (`untouched == 0`,
//!   `free_pools` null);
//! - an arena is on the usable list iff `free_count > 0`; the list is sorted by `free_count`
//!   ascending (fullest first), so empty arenas are its tail and are taken from last.

use std::cell::Cell;

/// Where a heap's owner tag lives; arenas and large blocks point at it so that
/// [`owner_tag`](crate::owner_tag) can answer from a block alone.
pub(crate) type OwnerCell = Cell<*const ()>;

/// The fields of a pool that allocation and free touch. While the pool heads its class's
/// used list they live in the heap instead (`UsedLists::hot`), so that the fast paths of
/// the 32 classes read one compact array rather than 32 pool headers, which all sit at
/// 16 KiB-aligned addresses and so compete for the same few cache sets.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct PoolHot {
    /// Head of the LIFO list of available blocks (each holds the next pointer in its
    /// first word); null when the pool is full.
    pub free_block: *mut u8,
    /// Blocks currently handed out.
    pub ref_count: u32,
    /// Offset of the first block never handed out (the lazy high-water mark).
    pub next_offset: u16,
    /// Largest `next_offset` at which a whole block still fits in the pool.
    pub max_next_offset: u16,
}

impl PoolHot {
    /// The state of no pool (an empty list head).
    pub const NONE: PoolHot = PoolHot {
        free_block: std::ptr::null_mut(),
        ref_count: 0,
        next_offset: 0,
        max_next_offset: 0,
    };
}

/// Header at the start of every pool. See the module docs for the layout.
#[repr(C)]
pub(crate) struct PoolHeader {
    /// What the fast paths touch (stale while the pool heads its class's list).
    pub hot: PoolHot,
    /// Size class index served by this pool.
    pub size_class: u16,
    /// The pool was kept empty and then handed out a block again: its class churns, so
    /// taking a new pool does not settle it (see `kept.rs`).
    pub churning: bool,
    /// Next pool in `usedpools[class]`, or in the arena's `free_pools`.
    pub next: *mut PoolHeader,
    /// Previous pool in `usedpools[class]` (null at the head).
    pub prev: *mut PoolHeader,
    /// The arena record owning this pool.
    pub arena: *mut Arena,
}

const _: () = assert!(std::mem::size_of::<PoolHot>() == 16);
const _: () = assert!(std::mem::size_of::<PoolHeader>() == 48);
const _: () = assert!(crate::size_class::POOL_SIZE <= u16::MAX as usize);

/// Bookkeeping for one mapped arena (kept off the arena so all 64 pools fit).
pub(crate) struct Arena {
    /// First byte of the arena; pool-aligned.
    pub base: *mut u8,
    /// The owning heap's tag cell.
    pub owner: *const OwnerCell,
    /// Singly linked list (through `PoolHeader::next`) of emptied pools.
    pub free_pools: *mut PoolHeader,
    /// Index of the first pool never used; pools from here on are untouched memory.
    pub untouched: u32,
    /// Pools available for a new size class: emptied plus untouched.
    pub free_count: u32,
    /// Empty pools still kept on their class's used list (not counted in `free_count`).
    pub kept: u32,
    /// Neighbours in the heap's usable list (arenas with a free pool, fullest first).
    pub prev: *mut Arena,
    /// See `prev`.
    pub next: *mut Arena,
    /// Neighbours in the list of every mapped arena (for `Drop` and statistics).
    pub all_prev: *mut Arena,
    /// See `all_prev`.
    pub all_next: *mut Arena,
    /// Set while the arena is empty (wholly free, see `arena.rs`): when it emptied, or when it
    /// was purged.
    pub empty_since: Option<std::time::Instant>,
    /// While empty: its memory was given back (`madvise`) and its pools count as untouched.
    pub purged: bool,
    /// Which blocks are live, to catch double frees in debug builds.
    #[cfg(debug_assertions)]
    pub live: crate::live_bits::LiveBits,
}

/// Prefix kept right before every large block (size 0, > 512 bytes, or align > 16).
#[repr(C)]
pub(crate) struct LargeHeader {
    /// Previous live large block of the same heap.
    pub prev: *mut LargeHeader,
    /// Next live large block of the same heap.
    pub next: *mut LargeHeader,
    /// The owning heap's tag cell.
    pub owner: *const OwnerCell,
    /// Requested size in bytes.
    pub size: usize,
    /// Requested alignment.
    pub align: usize,
    /// `LARGE_MAGIC` while live; lets debug builds reject foreign pointers.
    pub magic: usize,
}

/// Marks a live large block's header.
pub(crate) const LARGE_MAGIC: usize = 0x7079_6d6d_4c41_5247; // "pymmLARG"

const _: () = assert!(std::mem::size_of::<LargeHeader>() == 48);
