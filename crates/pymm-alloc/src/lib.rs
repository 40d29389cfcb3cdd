//! pymm-alloc: CPython's small-object allocator (obmalloc, 64-bit, 3.10+) as a
//! single-threaded Rust heap.
//!
//! Requests of 1..=512 bytes with alignment <= 16 are *small*: they are served from pools of
//! fixed-size blocks without any system call. Everything else (size 0, more than 512 bytes,
//! alignment above 16) goes to the system allocator with a small prefix.
//!
//! ```text
//!  arena: 1 MiB from mmap, 1 MiB-aligned, 64 pools   usable arenas, fullest first:
//!  +---------+--------+--------+-- ... --+--------+   [2 free] <-> [5 free] <-> [63 free]
//!  | pool 0: | pool 1 | pool 2 |         | pool 63|                        (empty: purged later)
//!  | records |        |        |         |        |
//!  +---------+--------+--------+-- ... --+--------+
//!    |  [PoolHot; 64]: each pool's free list, block count, high-water mark (16 bytes)
//!    |       ^ block -> its record: (addr & !(1 MiB - 1)) | ((addr >> 10) & 0x3FF0)
//!    v  pool 1..63: 16 KiB, one size class (16, 32, ..., 512 bytes)
//!  +--------+-------+-------+-------+-------+----------------+------+
//!  | header | block | block | block | block |  never carved  | tail |
//!  +--------+-------+-------+-------+-------+----------------+------+
//!   48 bytes  in use   free    in use  free  ^ next_offset (high-water mark)
//!             free list (LIFO): record.free_block -> block 1 -> block 3 -> null
//!
//!  usedpools[class] -> pools of that class with a free block (O(1) allocation)
//!  block -> its pool: address & !(16 KiB - 1)
//! ```
//!
//! Life cycle of a pool: *empty* (in its arena) -> *used* (on `usedpools[class]`) -> *full*
//! (on no list) -> *used* again after a free -> *empty* when its last block is freed, back in
//! its arena, ready for any size class.
//!
//! Life cycle of an arena (`arena.rs`): mapped -> pools taken, fullest arena first, so that
//! nearly empty arenas drain -> *empty* when its last pool comes back: it stays mapped and is
//! reused before any new arena is mapped, so freeing in any order and allocating again never
//! calls the kernel -> after the purge delay (10 ms, [`Heap::set_purge_delay`], counted from
//! when it emptied or from when the heap last took a pool from an empty arena, whichever is
//! later: memory the heap is drawing on again is not purged, nor as many empty arenas as it
//! had in use since it began drawing on them) its pools' memory is given back with
//! `madvise(MADV_DONTNEED)` (pool 0, the records, keeps its one touched page; two empty
//! arenas sharing a huge page are purged whole, together) -> ten delays later it is unmapped
//! (one purged arena stays mapped as the spare). [`Heap::trim`] unmaps every empty arena at
//! once. A heap's first arena is mapped alone, on small pages; the next ones are carved from a
//! 2 MiB-aligned reservation advised `MADV_HUGEPAGE`, two arenas per huge page (`os.rs`).
//!
//! Bookkeeping (mimalloc's rule: nothing per block that a pool's record can answer): the fast
//! paths touch only a pool's free list and block count; even the exact count of bytes handed
//! out ([`Heap::bytes_handed_out`]) is derived when asked, from per-class block counts kept
//! up when pools change places on their lists (`used_lists.rs`).
//! Those fields are the pool's *record*, kept apart from the pool in an array in its arena's
//! first pool (`types.rs`), found from a block's address by masking: pool headers sit at
//! 16 KiB strides, all in the same one or two cache sets, so with blocks freed in random
//! order a header read missed the cache on nearly every free, while an arena's 63 records
//! fill 16 cache lines (mimalloc keeps its page records together in the segment header for
//! the same reason). The head pool of each class lends its record to the heap while it
//! heads its list (`used_lists.rs`), so allocating, and freeing into a head pool, read one
//! slot of the heap. The statistics are computed when asked by walking the pools' records
//! and headers, as CPython's
//! `_PyObject_DebugMallocStats` does. A heap limit is checked when a pool is taken (each pool
//! held is charged 16 KiB) and when a large block is allocated, never per small block
//! (`budget.rs`), so a limited heap keeps the same fast path.
//!
//! One departure from CPython, for alloc/free churn: a pool that empties while it is the only
//! pool of its class is *kept* formatted on its list, so the next allocation of that class
//! needs no arena work. Kept pools count as given back for arena decisions: they are settled
//! before a pool is taken from the arenas (unless their class churns), and an arena holding
//! nothing else may only stand in for an empty arena while there is none. An emptied pool taken back by its old
//! class is used as it is, without formatting (as CPython does).
//!
//! # Example
//!
//! ```
//! use pymm_alloc::Heap;
//! use std::alloc::Layout;
//!
//! let heap = Heap::new();
//! let layout = Layout::from_size_align(24, 8).unwrap();
//! let block = heap.alloc(layout).expect("memory");
//! // SAFETY: the block is valid for 24 bytes.
//! unsafe { block.as_ptr().write_bytes(0xAB, 24) };
//!
//! let stats = heap.stats();
//! assert_eq!(stats.classes[1].block_size, 32); // 24 bytes round up to the 32-byte class
//! assert_eq!(stats.classes[1].blocks_in_use, 1);
//! assert_eq!(stats.bytes_handed_out, 32);
//! assert_eq!(stats.arenas_current, 1);
//!
//! // SAFETY: allocated above with this layout, freed once.
//! unsafe { heap.dealloc(block, layout) };
//! assert_eq!(heap.stats().small_blocks_in_use(), 0);
//! println!("{}", heap.stats()); // a table like sys._debugmallocstats()
//! ```

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

mod arena;
mod budget;
mod error;
mod heap;
mod kept;
mod large;
#[cfg(debug_assertions)]
mod live_bits;
mod os;
mod pool;
mod realloc;
mod size_class;
mod small;
mod snapshot;
mod stats;
mod types;
mod used_lists;

pub use error::AllocError;
pub use heap::Heap;
pub use size_class::{
    blocks_per_pool, class_size, ALIGNMENT, ARENA_SIZE, NUM_SIZE_CLASSES, POOLS_PER_ARENA,
    POOL_HEADER_SIZE, POOL_SIZE, SMALL_REQUEST_THRESHOLD,
};
pub use snapshot::{ArenaSnapshot, PoolState};
pub use stats::{ClassStats, Stats};

use std::alloc::Layout;
use std::ptr::NonNull;

/// Whether a layout is served from pools: 1..=512 bytes with alignment <= 16.
#[inline(always)]
pub fn is_small(layout: Layout) -> bool {
    is_small_size(layout.size()) && layout.align() <= ALIGNMENT
}

/// Whether a request of `size` bytes at the pools' alignment is served from pools: 1..=512.
#[inline(always)]
pub(crate) fn is_small_size(size: usize) -> bool {
    size.wrapping_sub(1) < SMALL_REQUEST_THRESHOLD
}

/// The owner tag ([`Heap::set_owner_tag`]) of the heap a block belongs to: read from the
/// block's pool header (small) or from the large block's prefix.
///
/// # Safety
/// `ptr` is a live block of some [`Heap`] allocated with `layout`.
pub unsafe fn owner_tag(ptr: NonNull<u8>, layout: Layout) -> *const () {
    let owner = if is_small(layout) {
        // SAFETY: a live small block's pool header is initialised and names its live arena.
        unsafe { (*(*pool::pool_of(ptr.as_ptr())).arena).owner }
    } else {
        let header = large::header_of(ptr.as_ptr());
        // SAFETY: a live large block is preceded by its initialised header.
        unsafe {
            debug_assert_eq!(
                (*header).magic,
                types::LARGE_MAGIC,
                "pymm-alloc: owner_tag of {ptr:p}, which is not a live large block"
            );
            (*header).owner
        }
    };
    // SAFETY: the owner cell lives as long as its heap, which owns the live block.
    unsafe { (*owner).get() }
}

#[cfg(test)]
mod tests;
