//! The allocator's data structures and their exact layouts.
//!
//! ```text
//! Arena (1 MiB, mapped at a 1 MiB-aligned address)
//!   pool 0: the pools' records, 16 KiB of which one page is touched
//!     off color * 1 KiB  PoolRecords: [PoolHot; 64], entry i for pool i (entry 0 unused);
//!                        color = the arena's address bits 20..24, so the records of 16
//!                        arenas in a row sit at 16 different offsets (see below)
//!   pools 1..=63: blocks, each pool starting with its PoolHeader
//!
//! PoolHot (16 bytes, #[repr(C)]): what the fast paths touch (lent to the heap while the
//! pool heads its class's used list, see `used_lists.rs`)
//!   off  0  free_block       ptr   next block to hand out; null = pool is full
//!   off  8  ref_count        u32   blocks handed out from this pool
//!   off 12  next_offset      u16   offset of the first never-carved block (high-water mark)
//!   off 14  max_next_offset  u16   largest offset at which a whole block still fits
//!
//! A pool's record is at `(addr & !(1 MiB - 1)) | ((addr >> 10) & 0x3FF0)` for any address
//! in the pool: bits 14..20 of the address (the pool's index) pick the entry, bits 20..24
//! (the color) the array's 1 KiB slot in pool 0. One mask, one shift, one more mask and an
//! or, and no load: the free path reaches the record of any pool without reading the pool.
//!
//! PoolHeader (32 bytes, at the start of every pool that serves blocks, #[repr(C)];
//! `POOL_HEADER_SIZE` = 48 bytes are reserved there, CPython's, so capacities stay CPython's)
//!   off  0  size_class       u16   class index 0..32 (kept while the pool is emptied)
//!   off  2  churning         bool  emptied and used again since formatted (see kept.rs)
//!   off  8  next             ptr   next pool in usedpools[class] / in the arena's free list
//!   off 16  prev             ptr   previous pool in usedpools[class]
//!   off 24  arena            ptr   the Arena record this pool belongs to
//!
//! Why the hot fields live apart from the pools: pools sit at 16 KiB strides, so headers at
//! their starts all map to the same one or two cache sets (L1 and L2 alike), and freeing
//! blocks in random order missed on nearly every header. The records of an arena's 63 pools
//! are 1 KiB, four to a cache line; the colors spread the arrays of consecutive arenas over
//! 16 KiB, hence over every L1 set (mimalloc likewise keeps its page records together in the
//! segment header, found by masking). Cost: one pool in 64 (1.6%) of address space, and one
//! 4 KiB page per arena (0.4%) of resident memory, as the rest of pool 0 is never touched.
//!
//! Arena (heap-allocated record, one per mapped arena)
//!   base, owner, free_pools, untouched, free_count, kept, prev/next (usable list),
//!   all_prev/all_next (every mapped arena), empty_since + purged (while wholly free: kept
//!   for reuse, purged after the delay, see `arena.rs`), and in debug builds a live-block
//!   bitmap
//!
//! No statistic is counted per block: `Heap::stats` walks the pools' records and headers of
//! every arena (`ref_count` and `size_class` say all), as CPython's
//! `_PyObject_DebugMallocStats`; the bytes handed out come from per-class counts kept up
//! when pools change places on their lists (`used_lists.rs`).
//!
//! LargeHeader (48 bytes, immediately before every large block)
//!   prev, next (intrusive list of live large blocks), owner, size, align, magic
//! ```
//!
//! Invariants:
//! - the hot fields of a pool heading its class's used list live in the heap
//!   (`UsedLists::hot`), and its record's copy is stale until written back; every other
//!   pool's hot fields are its record's (below, `ref_count` and `free_block` mean the live
//!   copy, and `ref_count` the real count: a head's lent count may include one phantom
//!   block, see `used_lists.rs`);
//! - pool 0 of every arena holds the records and serves no block; pool 0's records are
//!   purged only with the whole 2 MiB frame of two empty arenas (`os::purge_frame`), whose
//!   records then describe no pool (`untouched == 0`), never by `os::purge_arena`;
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

/// The fields of a pool that allocation and free touch: its record, in its arena's first
/// pool (see the module docs, `pool::hot_of`). While the pool heads its class's used list
/// they live in the heap instead (`UsedLists::hot`), so that allocation reads the heap's
/// slot for the class and nothing else.
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

/// Header at the start of every pool that serves blocks: the fields the fast paths do not
/// touch. See the module docs for the layout.
#[repr(C)]
pub(crate) struct PoolHeader {
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
const _: () = assert!(std::mem::size_of::<PoolHeader>() == 32);

/// The records of one arena's pools, indexed by pool index (entry 0, for pool 0 which holds
/// them, is unused).
pub(crate) type PoolRecords = [PoolHot; crate::size_class::POOLS_PER_ARENA + 1];

/// Bytes of one arena's records: the stride between the colors of pool 0.
pub(crate) const RECORDS_SIZE: usize = std::mem::size_of::<PoolRecords>();

const _: () = assert!(RECORDS_SIZE == 1024);
/// The colors fill pool 0 exactly: 16 of them, from the arena address's bits 20..24.
const _: () = assert!(RECORDS_SIZE * 16 == crate::size_class::POOL_SIZE);
const _: () = assert!(crate::size_class::POOL_SIZE <= u16::MAX as usize);

/// Bookkeeping for one mapped arena (kept off the arena: its cold fields have no reason to
/// share pool 0's touched page with the records).
pub(crate) struct Arena {
    /// First byte of the arena (pool 0, the records); `ARENA_SIZE`-aligned.
    pub base: *mut u8,
    /// The owning heap's tag cell.
    pub owner: *const OwnerCell,
    /// Singly linked list (through `PoolHeader::next`) of emptied pools.
    pub free_pools: *mut PoolHeader,
    /// Index (0-based among the pools that serve blocks: pool `i` is at `base + (i + 1) *
    /// POOL_SIZE`) of the first pool never used; pools from here on are untouched memory.
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
    /// The other arena of its 2 MiB frame, while both are mapped (arenas carved from a
    /// reservation share a huge page in pairs, `os.rs`); null for a heap's first arena and
    /// for an arena whose frame partner is not an arena (not carved yet, or unmapped).
    pub partner: *mut Arena,
    /// Which blocks are live, to catch double frees in debug builds.
    #[cfg(debug_assertions)]
    pub live: crate::live_bits::LiveBits,
}

impl Arena {
    /// The `index`-th pool serving blocks (`0..POOLS_PER_ARENA`), after pool 0.
    pub fn pool(&self, index: usize) -> *mut PoolHeader {
        debug_assert!(index < crate::size_class::POOLS_PER_ARENA);
        self.base
            .wrapping_add((index + 1) * crate::size_class::POOL_SIZE)
            .cast()
    }
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
