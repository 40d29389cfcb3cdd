//! Operations on one pool: carving and recycling blocks (the per-class lists: `used_lists.rs`).
//!
//! Invariants relied on here (see `types.rs` for the full list):
//! - `free_block` of a pool on a used list is non-null: it is the next block to hand out;
//! - every block on the free list holds the next free block (or null) in its first word;
//! - blocks at offsets `>= next_offset` were never handed out and hold nothing;
//! - the pool at `ptr & POOL_ADDR_MASK` of a small block is that block's pool;
//! - the functions here take the pool's *live* hot fields (its header's, or the heap's copy
//!   while the pool heads its class's list: `used_lists.rs`).

use crate::size_class::{class_size, POOL_ADDR_MASK, POOL_HEADER_SIZE, POOL_SIZE};
use crate::types::{Arena, PoolHeader, PoolHot};
use std::ptr;

/// The pool containing a small block: its address rounded down to a pool boundary.
///
/// The result takes the arena's provenance, exposed when the arena was mapped
/// (`os::map_arena`): a block pointer handed back by a program may only cover the block
/// (a `Box` made from it, say), not the pool header before it.
#[inline(always)]
pub(crate) fn pool_of(block: *mut u8) -> *mut PoolHeader {
    std::ptr::with_exposed_provenance_mut(block.addr() & POOL_ADDR_MASK)
}

/// Formats a (fresh or emptied) pool for `class` and hands out its first block.
///
/// # Safety
/// `pool` is a pool-aligned, writable, `POOL_SIZE`-byte region of `arena` holding no live block.
pub(crate) unsafe fn init_pool(pool: *mut PoolHeader, arena: *mut Arena, class: usize) -> *mut u8 {
    let size = class_size(class);
    // SAFETY: per the contract the whole pool is ours; the first two blocks are in bounds
    // because every class fits at least two blocks in a pool.
    unsafe {
        let first = pool.cast::<u8>().add(POOL_HEADER_SIZE);
        let second = first.add(size);
        second.cast::<*mut u8>().write(ptr::null_mut());
        pool.write(PoolHeader {
            hot: PoolHot {
                free_block: second,
                ref_count: 1,
                next_offset: (POOL_HEADER_SIZE + 2 * size) as u16,
                max_next_offset: (POOL_SIZE - size) as u16,
            },
            size_class: class as u16,
            churning: false,
            next: ptr::null_mut(),
            prev: ptr::null_mut(),
            arena,
        });
        first
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
