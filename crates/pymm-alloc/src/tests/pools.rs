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
    // The second block first (`pool::init_pool`: so that the blocks a churning class reuses
    // sit at different cache sets per class), then the first, then the rest in address order.
    assert_eq!(
        offsets,
        [48, 0, 96],
        "the second block, the first, then address order"
    );
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

/// The head pool of a class lends its free list and count to the heap (`used_lists.rs`):
/// whichever pool heads the list, frees into it and into the others land in the right
/// pool, blocks come back LIFO from the head, and the figures read from the headers are
/// exact after every head change.
#[test]
fn lent_fields_follow_the_head_as_pools_take_turns() {
    let heap = Heap::new();
    let capacity = blocks_per_pool(1); // 32-byte class
    let mut first = alloc_many(&heap, 32, capacity); // pool A, now full: off the list
    let mut second = alloc_many(&heap, 32, 3); // pool B heads the list
    let (pool_a, pool_b) = (pool_addr(first[0]), pool_addr(second[0]));
    assert_ne!(pool_a, pool_b);
    let in_use = |heap: &Heap| heap.stats().classes[1].blocks_in_use;
    assert_eq!(in_use(&heap), capacity + 3);

    // A free into full pool A puts it at the head: B gives its lent fields back.
    let from_a = first.swap_remove(7);
    free_all(&heap, 32, [from_a]);
    assert_eq!(in_use(&heap), capacity + 2);
    // Frees into B, no longer the head, go to its header.
    let from_b = second.pop().unwrap();
    free_all(&heap, 32, [from_b]);
    assert_eq!(in_use(&heap), capacity + 1);
    let map = heap.arena_map();
    let used: Vec<usize> = map[0]
        .pools
        .iter()
        .filter_map(|pool| match pool {
            crate::PoolState::Used { blocks_in_use, .. } => Some(*blocks_in_use),
            _ => None,
        })
        .collect();
    assert_eq!(used, [capacity - 1, 2], "per-pool counts from the headers");

    // A (the head) hands back its freed block first, fills up and leaves the list: B,
    // head again, takes back its own fields, freed block first.
    assert_eq!(heap.alloc(layout(32)).unwrap(), from_a);
    assert_eq!(heap.alloc(layout(32)).unwrap(), from_b);
    first.push(from_a);
    second.push(from_b);
    let fresh = heap.alloc(layout(32)).unwrap();
    assert_eq!(pool_addr(fresh), pool_b);
    second.push(fresh);
    assert_eq!(in_use(&heap), capacity + 4);
    assert_stats_add_up(&heap);

    // Emptying B while A is full: B, alone and empty, is kept; then A empties too.
    free_all(&heap, 32, second);
    assert_eq!(in_use(&heap), capacity);
    free_all(&heap, 32, first);
    assert_eq!(in_use(&heap), 0);
    assert_stats_add_up(&heap);
}
