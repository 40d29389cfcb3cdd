//! Operations on one pool: carving and recycling blocks (the per-class lists: `used_lists.rs`).
//!
//! Invariants relied on here (see `types.rs` for the full list):
//! - `free_block` of a pool on a used list is non-null: it is the next block to hand out;
//! - every block on the free list holds the next free block (or null) in its first word;
//! - blocks at offsets `>= next_offset` were never handed out and hold nothing;
//! - the pool at `ptr & POOL_ADDR_MASK` of a small block is that block's pool;
//! - the functions here take the pool's *live* hot fields (its record's, `hot_of`, or the
//!   heap's copy while the pool heads its class's list: `used_lists.rs`).

use crate::size_class::{class_size, ARENA_ADDR_MASK, POOL_ADDR_MASK, POOL_HEADER_SIZE, POOL_SIZE};
use crate::types::{Arena, PoolHeader, PoolHot, RECORDS_SIZE};
use std::ptr;

/// Bits of an address shifted right by this many give the record's offset in pool 0: the
/// pool index (address bits 14..20) lands on bits 4..10, a 16-byte record each, and the
/// arena's color (bits 20..24) on bits 10..14, a 1 KiB array each (`types.rs`).
const RECORD_SHIFT: u32 =
    POOL_SIZE.trailing_zeros() - std::mem::size_of::<PoolHot>().trailing_zeros();

/// The record offset bits left after the shift: pool index and color, not the bits below
/// a record.
const RECORD_OFFSET_MASK: usize = (POOL_SIZE - 1) & !(std::mem::size_of::<PoolHot>() - 1);

const _: () = assert!(RECORD_SHIFT == 10 && RECORD_OFFSET_MASK == 0x3FF0);
/// The color lands on the arrays' stride.
const _: () = assert!(RECORDS_SIZE == 1 << RECORD_SHIFT);

/// The record (hot fields) of the pool containing `addr`: in its arena's pool 0, found by
/// masking, no memory read (see `types.rs` for the layout).
///
/// Like [`pool_of`], the result takes the arena's exposed provenance.
#[inline(always)]
pub(crate) fn hot_of(addr: *mut u8) -> *mut PoolHot {
    let addr = addr.addr();
    let record = (addr & ARENA_ADDR_MASK) | ((addr >> RECORD_SHIFT) & RECORD_OFFSET_MASK);
    std::ptr::with_exposed_provenance_mut(record)
}

/// The pool containing a small block: its address rounded down to a pool boundary.
///
/// The result takes the arena's provenance, exposed when the arena was mapped
/// (`os::map_arena`): a block pointer handed back by a program may only cover the block
/// (a `Box` made from it, say), not the pool header before it.
#[inline(always)]
pub(crate) fn pool_of(block: *mut u8) -> *mut PoolHeader {
    std::ptr::with_exposed_provenance_mut(block.addr() & POOL_ADDR_MASK)
}

/// Formats a (fresh or emptied) pool for `class` and hands out its *second* block; the first
/// one is next on the free list, and the high-water mark is past both.
///
/// Why not the first: every pool starts at a 16 KiB boundary, so the first blocks of all
/// pools share one page offset (`POOL_HEADER_SIZE`), hence one L1 set (64 sets of 64-byte
/// lines: address bits 6..12). A class that churns (alloc, free, alloc, ...) keeps reusing
/// the block it got first, so with more than 12 classes churning at once (the L1's ways)
/// every reuse missed: `pairs random`, 32 classes, 0.8 D1 misses per pair in cachegrind. The
/// second block sits at `POOL_HEADER_SIZE + size`, which spreads the classes over eight sets
/// (0.13 misses per pair, the rest the example's own size table). Capacities are unchanged.
///
/// # Safety
/// `pool` is a pool-aligned, writable, `POOL_SIZE`-byte region of `arena` (one of the pools
/// serving blocks) holding no live block.
pub(crate) unsafe fn init_pool(pool: *mut PoolHeader, arena: *mut Arena, class: usize) -> *mut u8 {
    let size = class_size(class);
    // SAFETY: per the contract the whole pool is ours; the first two blocks are in bounds
    // because every class fits at least two blocks in a pool. The first block, on the free
    // list, is its last entry (null link): the next block comes from the high-water mark.
    unsafe {
        let first = pool.cast::<u8>().add(POOL_HEADER_SIZE);
        let second = first.add(size);
        first.cast::<*mut u8>().write(ptr::null_mut());
        hot_of(pool.cast()).write(PoolHot {
            free_block: first,
            ref_count: 1,
            next_offset: (POOL_HEADER_SIZE + 2 * size) as u16,
            max_next_offset: (POOL_SIZE - size) as u16,
        });
        pool.write(PoolHeader {
            size_class: class as u16,
            churning: false,
            next: ptr::null_mut(),
            prev: ptr::null_mut(),
            arena,
        });
        second
    }
}

/// Carves the block at the pool's high-water mark, if a whole one still fits: marks it as
/// the last on the free list (null link) and returns it; returns null when the pool has no
/// room left, changing nothing.
///
/// # Safety
/// `pool` is an initialised pool of `class` and `hot` its live hot fields (`types.rs`).
#[inline(always)]
pub(crate) unsafe fn carve_next(pool: *mut PoolHeader, hot: *mut PoolHot, class: usize) -> *mut u8 {
    // SAFETY: a block at `next_offset <= max_next_offset` lies wholly inside the pool.
    unsafe {
        let offset = (*hot).next_offset;
        if offset > (*hot).max_next_offset {
            return ptr::null_mut();
        }
        let fresh = pool.cast::<u8>().add(offset as usize);
        fresh.cast::<*mut u8>().write(ptr::null_mut());
        (*hot).next_offset = offset + class_size(class) as u16;
        fresh
    }
}

/// Takes the next block of a used pool. Returns the block and whether the pool is now full.
///
/// # Safety
/// `pool` is a used pool of `class`, `hot` its live hot fields, whose `free_block` is non-null.
pub(crate) unsafe fn pop_block(
    pool: *mut PoolHeader,
    hot: *mut PoolHot,
    class: usize,
) -> (*mut u8, bool) {
    // SAFETY: `free_block` is a block of this pool holding the next link (module invariants).
    unsafe {
        let block = (*hot).free_block;
        (*hot).ref_count += 1;
        let mut next = block.cast::<*mut u8>().read();
        if next.is_null() {
            next = carve_next(pool, hot, class);
        }
        (*hot).free_block = next;
        (block, next.is_null())
    }
}

/// What freeing a block did to its pool.
pub(crate) struct PushOutcome {
    /// The pool was full before: it must go back on its class's used list.
    pub was_full: bool,
    /// The pool holds no live block any more: it must go back to its arena.
    pub now_empty: bool,
}

/// Puts a block back on its pool's free list.
///
/// # Safety
/// `block` is a live block of a used pool whose live hot fields are `hot`.
#[inline(always)]
pub(crate) unsafe fn push_block(hot: *mut PoolHot, block: *mut u8) -> PushOutcome {
    // SAFETY: the block is ours again and at least 16 bytes, enough for the link.
    unsafe {
        let last = (*hot).free_block;
        block.cast::<*mut u8>().write(last);
        (*hot).free_block = block;
        (*hot).ref_count -= 1;
        PushOutcome {
            was_full: last.is_null(),
            now_empty: (*hot).ref_count == 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hot_of;
    use crate::size_class::{ARENA_SIZE, POOLS_PER_ARENA, POOL_SIZE};
    use crate::types::RECORDS_SIZE;

    /// Every address of a pool finds the same record, in pool 0 of its arena; the 63 pools of
    /// an arena have 63 distinct records 16 bytes apart, and 16 arenas in a row keep theirs
    /// at 16 different offsets (so that they do not all compete for the same cache sets).
    #[test]
    fn records_are_found_by_masking_in_pool_0_one_color_per_arena() {
        let mut offsets = Vec::new();
        for arena in 0..16 {
            let base = 0x7f00_0000_0000 + arena * ARENA_SIZE;
            let records = hot_of(std::ptr::without_provenance_mut(base + POOL_SIZE)).addr();
            assert!((base..base + POOL_SIZE).contains(&records), "in pool 0");
            for index in 1..=POOLS_PER_ARENA {
                let pool = base + index * POOL_SIZE;
                for addr in [pool, pool + 48, pool + POOL_SIZE - 1] {
                    let record = hot_of(std::ptr::without_provenance_mut(addr)).addr();
                    assert_eq!(record, records + (index - 1) * 16);
                }
            }
            offsets.push((records - base) / RECORDS_SIZE);
        }
        offsets.sort_unstable();
        offsets.dedup();
        assert_eq!(
            offsets.len(),
            16,
            "each arena of 16 in a row has its own color"
        );
    }
}
