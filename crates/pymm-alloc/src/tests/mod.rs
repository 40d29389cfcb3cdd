//! Unit tests of every transition, grouped by concern.

mod alloc_size;
mod arenas;
mod debug_checks;
mod kept;
mod large_and_limit;
mod pools;
mod realloc;
mod snapshot;
mod stats;

use crate::Heap;
use std::alloc::Layout;
use std::ptr::NonNull;

/// A heap with a zero purge delay: an arena whose last pool is freed is purged at once, and
/// unmapped at once unless it is the only empty arena (the spare).
fn eager_heap() -> Heap {
    let heap = Heap::new();
    heap.set_purge_delay(std::time::Duration::ZERO);
    heap
}

/// A small-request layout with 8-byte alignment.
fn layout(size: usize) -> Layout {
    Layout::from_size_align(size, 8).expect("valid test layout")
}

/// Allocates `n` blocks of `size` bytes.
fn alloc_many(heap: &Heap, size: usize, n: usize) -> Vec<NonNull<u8>> {
    (0..n)
        .map(|_| heap.alloc(layout(size)).expect("memory"))
        .collect()
}

/// Frees blocks of `size` bytes.
fn free_all(heap: &Heap, size: usize, blocks: impl IntoIterator<Item = NonNull<u8>>) {
    for block in blocks {
        // SAFETY: every block passed here came from `heap` with this layout, freed once.
        unsafe { heap.dealloc(block, layout(size)) };
    }
}

/// The pool a block lives in (its address masked to a pool boundary).
fn pool_addr(block: NonNull<u8>) -> usize {
    block.as_ptr().addr() & !(crate::POOL_SIZE - 1)
}

/// Checks the byte identity of the statistics.
fn assert_stats_add_up(heap: &Heap) {
    let s = heap.stats();
    assert_eq!(
        s.bytes_in_used_blocks
            + s.bytes_in_free_blocks
            + s.bytes_in_unused_pools
            + s.bytes_lost_to_pool_headers
            + s.bytes_lost_to_pool_tails,
        s.bytes_mapped,
        "statistics do not add up:\n{s}"
    );
    assert_eq!(
        s.used_pools + s.unused_pools,
        s.arenas_current * crate::POOLS_PER_ARENA
    );
}
