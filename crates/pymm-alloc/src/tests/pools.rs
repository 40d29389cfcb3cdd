//! A pool's life: empty -> used -> full -> used -> empty -> back to its arena.

use super::*;
use crate::blocks_per_pool;

#[test]
fn pool_goes_through_every_state_and_serves_another_class_after() {
    let heap = Heap::new();
    let capacity = blocks_per_pool(0); // 16-byte class
    let first = alloc_many(&heap, 16, 1);
    let pool = pool_addr(first[0]);
    let s = heap.stats();
    assert_eq!((s.classes[0].pools, s.classes[0].blocks_in_use), (1, 1));
    assert_eq!(s.classes[0].free_blocks, capacity - 1);
    assert_eq!(s.unused_pools, crate::POOLS_PER_ARENA - 1);

    // used -> full: every block of the pool, all distinct and inside it.
    let mut blocks = first;
    blocks.extend(alloc_many(&heap, 16, capacity - 1));
    assert!(blocks.iter().all(|b| pool_addr(*b) == pool));
    let s = heap.stats();
    assert_eq!((s.classes[0].pools, s.classes[0].free_blocks), (1, 0));

    // full: the next block comes from a second pool.
    let overflow = heap.alloc(layout(16)).unwrap();
    assert_ne!(pool_addr(overflow), pool);
    assert_eq!(heap.stats().classes[0].pools, 2);
    free_all(&heap, 16, [overflow]);
    assert_eq!(
        heap.stats().classes[0].pools,
        1,
        "emptied pool went back to the arena"
    );

    // full -> used: the freed block is handed out again first (LIFO).
    let freed = blocks.swap_remove(100);
    free_all(&heap, 16, [freed]);
    assert_eq!(heap.stats().classes[0].free_blocks, 1);
    let again = heap.alloc(layout(16)).unwrap();
    assert_eq!(again, freed);
    blocks.push(again);
    assert_stats_add_up(&heap);

    // used -> empty -> arena; then another class reuses the very same pool.
    free_all(&heap, 16, blocks);
    let s = heap.stats();
    assert_eq!((s.used_pools, s.small_blocks_in_use()), (0, 0));
    let big = heap.alloc(layout(512)).unwrap();
    assert_eq!(
        pool_addr(big),
        pool,
        "an emptied pool may serve any size class"
    );
    free_all(&heap, 512, [big]);
}

#[test]
fn blocks_are_carved_lazily_and_aligned() {
    let heap = Heap::new();
    let blocks = alloc_many(&heap, 48, 3);
    let base = pool_addr(blocks[0]) + crate::POOL_HEADER_SIZE;
    let offsets: Vec<usize> = blocks.iter().map(|b| b.as_ptr().addr() - base).collect();
    assert_eq!(offsets, [0, 48, 96], "blocks are carved in address order");
    assert!(blocks
        .iter()
        .all(|b| b.as_ptr().addr() % crate::ALIGNMENT == 0));
    free_all(&heap, 48, blocks);
}

#[test]
fn blocks_are_counted_by_class_size() {
    let heap = Heap::new();
    let blocks = alloc_many(&heap, 17, 4); // 32-byte class
    let s = heap.stats();
    assert_eq!(
        (s.classes[1].blocks_in_use, s.bytes_in_used_blocks),
        (4, 4 * 32)
    );
    assert_eq!(
        (s.bytes_handed_out, heap.bytes_handed_out()),
        (4 * 32, 4 * 32)
    );
    free_all(&heap, 17, blocks);
    assert_eq!(heap.bytes_handed_out(), 0);
}
