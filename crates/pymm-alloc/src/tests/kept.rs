//! Kept pools (see `kept.rs`) and pools reused by their old class without reformatting.

use super::*;
use crate::{blocks_per_pool, POOLS_PER_ARENA};

/// Blocks of `size` bytes that fill exactly one pool.
fn fill_pool(heap: &Heap, size: usize) -> Vec<NonNull<u8>> {
    alloc_many(heap, size, blocks_per_pool(size / 16 - 1))
}

#[test]
fn an_emptied_lone_pool_is_kept_and_hands_out_its_free_list_again() {
    let heap = Heap::new();
    let blocks = alloc_many(&heap, 16, 3);
    free_all(&heap, 16, blocks.iter().copied());
    let s = heap.stats();
    assert_eq!((s.used_pools, s.unused_pools), (0, POOLS_PER_ARENA));
    assert_eq!(heap.kept_pools(), 1);
    assert_stats_add_up(&heap);
    // A reformatted pool would carve from its start again; the kept one pops its free list,
    // last freed first.
    let again = alloc_many(&heap, 16, 3);
    assert_eq!(again, [blocks[2], blocks[1], blocks[0]]);
    assert_eq!(heap.kept_pools(), 0);
    free_all(&heap, 16, again);
}

#[test]
fn a_pool_given_back_serves_its_old_class_again_without_reformatting() {
    let heap = Heap::new();
    let mut full = fill_pool(&heap, 16);
    let second = alloc_many(&heap, 16, 2);
    let second_pool = pool_addr(second[0]);
    assert_ne!(pool_addr(full[0]), second_pool);
    // The full pool gets a block back and goes first on the list, so when the second pool
    // empties it is not alone: it goes back to its arena.
    let from_full = full.pop().unwrap();
    free_all(&heap, 16, [from_full]);
    free_all(&heap, 16, second.iter().copied());
    assert_eq!(heap.stats().classes[0].pools, 1);
    assert_eq!(heap.alloc(layout(16)).unwrap(), from_full);
    // The first pool is full again; the next pool taken is the emptied one, with its free
    // list intact (last freed first), not carved again from its start.
    let again = heap.alloc(layout(16)).unwrap();
    assert_eq!(pool_addr(again), second_pool);
    assert_eq!(again, second[1]);
    full.push(from_full);
    full.push(again);
    free_all(&heap, 16, full);
    assert_stats_add_up(&heap);
}

#[test]
fn a_kept_pool_goes_back_when_a_full_pool_of_its_class_gets_a_block_back() {
    let heap = Heap::new();
    let mut full = fill_pool(&heap, 16);
    let lone = heap.alloc(layout(16)).unwrap();
    let lone_pool = pool_addr(lone);
    free_all(&heap, 16, [lone]); // kept: the full pool is on no list
    assert_eq!(heap.kept_pools(), 1);
    let from_full = full.pop().unwrap();
    free_all(&heap, 16, [from_full]);
    assert_eq!(heap.kept_pools(), 0);
    assert_eq!(
        heap.alloc(layout(16)).unwrap(),
        from_full,
        "the pool that was full serves first"
    );
    // The kept pool went back to its arena, last: another class takes it.
    let big = heap.alloc(layout(512)).unwrap();
    assert_eq!(pool_addr(big), lone_pool);
    free_all(&heap, 512, [big]);
    full.push(from_full);
    free_all(&heap, 16, full);
}

#[test]
fn a_churning_kept_pool_is_not_settled_when_another_class_takes_a_pool() {
    let heap = Heap::new();
    let block = heap.alloc(layout(16)).unwrap();
    let kept_pool = pool_addr(block);
    free_all(&heap, 16, [block]);
    let block = heap.alloc(layout(16)).unwrap(); // the kept pool serves again: it churns
    free_all(&heap, 16, [block]);
    let big = heap.alloc(layout(512)).unwrap();
    assert_ne!(
        pool_addr(big),
        kept_pool,
        "a churning pool stays with its class"
    );
    assert_eq!(heap.kept_pools(), 1);
    assert_eq!(heap.alloc(layout(16)).unwrap(), block);
    free_all(&heap, 16, [block]);
    free_all(&heap, 512, [big]);
    assert_stats_add_up(&heap);
}

/// Fills `pools` whole pools with 512-byte blocks.
fn fill_pools(heap: &Heap, pools: usize) -> Vec<NonNull<u8>> {
    (0..pools).flat_map(|_| fill_pool(heap, 512)).collect()
}

#[test]
fn churn_in_an_arena_of_its_own_keeps_its_pool_while_no_spare_exists() {
    let heap = eager_heap();
    let first_arena = fill_pools(&heap, POOLS_PER_ARENA);
    let block = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 16, [block]);
    // The second arena holds only the kept pool: it stands in for the spare.
    assert_eq!(heap.kept_pools(), 1);
    assert_eq!(heap.stats().arenas_current, 2);
    assert_eq!(heap.alloc(layout(16)).unwrap(), block, "served in place");
    free_all(&heap, 16, [block]);
    // Emptying the first arena (its last pool alone in its class, so kept too) leaves two
    // arenas with nothing in use: the kept pools are settled and one arena is unmapped.
    free_all(&heap, 512, first_arena);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total, s.used_pools),
        (1, 1, 0)
    );
    assert_eq!(heap.kept_pools(), 0);
    assert_stats_add_up(&heap);
}

#[test]
fn an_arena_standing_in_for_the_spare_is_unmapped_when_another_becomes_wholly_free() {
    let heap = eager_heap();
    let first = fill_pools(&heap, POOLS_PER_ARENA);
    let sizes = [16, 32, 48, 64, 80];
    let small: Vec<NonNull<u8>> = sizes
        .iter()
        .map(|&s| heap.alloc(layout(s)).unwrap())
        .collect();
    let second = fill_pools(&heap, POOLS_PER_ARENA - sizes.len());
    let sibling = heap.alloc(layout(512)).unwrap(); // a third arena: a 512-byte pool with room
    assert_eq!(heap.stats().arenas_current, 3);
    for (&block, &size) in small.iter().zip(&sizes) {
        free_all(&heap, size, [block]);
    }
    assert_eq!(heap.kept_pools(), sizes.len());
    // The second arena's 512-byte pools are not alone in their class (the sibling's pool has
    // room), so they go back; then the arena holds only kept pools and stands in.
    free_all(&heap, 512, second);
    assert_eq!(heap.kept_pools(), sizes.len());
    let s = heap.stats();
    assert_eq!((s.arenas_current, s.used_pools), (3, POOLS_PER_ARENA + 1));
    // The first arena goes back pool by pool and becomes wholly free: the stand-in's kept
    // pools are settled and it is unmapped; the first arena is the one spare.
    free_all(&heap, 512, first);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total, s.used_pools),
        (2, 1, 1)
    );
    assert_eq!(heap.kept_pools(), 0);
    assert_stats_add_up(&heap);
    free_all(&heap, 512, [sibling]);
}

#[test]
fn kept_counters_are_recounted_when_a_second_arena_is_mapped() {
    let heap = eager_heap();
    let sizes = [16, 32, 48];
    for &size in &sizes {
        // Kept, served again, kept again: a churning pool, which taking pools leaves alone.
        let block = heap.alloc(layout(size)).unwrap();
        free_all(&heap, size, [block]);
        let block = heap.alloc(layout(size)).unwrap();
        free_all(&heap, size, [block]);
    }
    assert_eq!(heap.kept_pools(), sizes.len());
    let blocks = fill_pools(&heap, POOLS_PER_ARENA - sizes.len() + 1);
    assert_eq!(heap.stats().arenas_current, 2);
    assert_eq!(
        heap.kept_pools(),
        sizes.len(),
        "counters checked from here on"
    );
    // Emptying everything: the first arena stands in with its kept pools, then the second
    // one holds only a kept pool too; all are settled and one arena is unmapped.
    free_all(&heap, 512, blocks);
    let s = heap.stats();
    assert_eq!((s.arenas_current, s.arenas_reclaimed_total), (1, 1));
    assert_eq!(heap.kept_pools(), 0);
    assert_stats_add_up(&heap);
}

#[test]
fn in_a_heap_of_several_arenas_taking_a_pool_settles_the_kept_pools_that_do_not_churn() {
    let heap = eager_heap();
    let blocks = fill_pools(&heap, POOLS_PER_ARENA + 1);
    assert_eq!(heap.stats().arenas_current, 2);
    // Class 16 churns (kept, served again, kept again); class 32 is kept once.
    let block = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 16, [block]);
    assert_eq!(heap.kept_pools(), 1, "the heap's total counts the keep");
    let block = heap.alloc(layout(16)).unwrap();
    assert_eq!(heap.kept_pools(), 0, "and the reuse");
    free_all(&heap, 16, [block]);
    let once = heap.alloc(layout(32)).unwrap();
    let once_pool = pool_addr(once);
    free_all(&heap, 32, [once]);
    assert_eq!(heap.kept_pools(), 2);
    // Taking a pool for a third class settles the pool kept once (it serves the new class,
    // last given back), not the churning one.
    let other = heap.alloc(layout(48)).unwrap();
    assert_eq!(pool_addr(other), once_pool);
    assert_eq!(heap.kept_pools(), 1);
    // With no kept pool left, taking pools skips the search and still leaves nothing kept.
    assert_eq!(heap.alloc(layout(16)).unwrap(), block);
    assert_eq!(heap.kept_pools(), 0);
    let more = alloc_many(&heap, 64, 2);
    assert_eq!(heap.kept_pools(), 0);
    free_all(&heap, 64, more);
    free_all(&heap, 16, [block]);
    free_all(&heap, 48, [other]);
    free_all(&heap, 512, blocks);
    assert_stats_add_up(&heap);
}

/// Kept, then served again: in a one-arena heap the pool's lent count then holds the phantom
/// block (`used_lists.rs`), so the fast paths no longer see it empty or reused. Every figure
/// must still be exact: statistics, bytes handed out, the kept pool when it is empty, and the
/// real count once it leaves the head (filled up, displaced, trimmed).
#[test]
fn a_churning_lone_pool_counts_exactly_through_its_phantom_block() {
    let heap = Heap::new();
    let block = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 16, [block]);
    assert_eq!(
        heap.alloc(layout(16)).unwrap(),
        block,
        "the kept pool serves"
    );
    let s = heap.stats();
    assert_eq!((s.classes[0].blocks_in_use, s.used_pools), (1, 1));
    assert_eq!(heap.bytes_handed_out(), 16);
    assert_eq!(heap.kept_pools(), 0);
    for _ in 0..3 {
        free_all(&heap, 16, [block]);
        assert_eq!(heap.kept_pools(), 1, "empty again: kept");
        assert_eq!(heap.stats().classes[0].blocks_in_use, 0);
        assert_eq!(heap.bytes_handed_out(), 0);
        assert_stats_add_up(&heap);
        assert_eq!(heap.alloc(layout(16)).unwrap(), block);
        assert_eq!(heap.kept_pools(), 0);
    }
    // Filled up: off its list, its record takes the real count.
    let mut full = alloc_many(&heap, 16, blocks_per_pool(0) - 1);
    full.push(block);
    assert!(full.iter().all(|&b| pool_addr(b) == pool_addr(block)));
    assert_eq!(heap.stats().classes[0].blocks_in_use, full.len());
    assert_eq!(heap.bytes_handed_out(), 16 * full.len());
    assert_stats_add_up(&heap);
    // A second pool of the class churns to a phantom of its own, and empties.
    let lone = heap.alloc(layout(16)).unwrap();
    free_all(&heap, 16, [lone]);
    assert_eq!(heap.alloc(layout(16)).unwrap(), lone);
    free_all(&heap, 16, [lone]);
    assert_eq!(heap.kept_pools(), 1);
    // The full pool gets a block back: the kept pool (phantom and all) goes back to its arena
    // before the full one heads the list.
    let back = full.pop().unwrap();
    free_all(&heap, 16, [back]);
    assert_eq!(heap.kept_pools(), 0);
    let s = heap.stats();
    assert_eq!((s.classes[0].pools, s.used_pools), (1, 1));
    assert_eq!(s.classes[0].blocks_in_use, full.len());
    assert_stats_add_up(&heap);
    // The pool that was full churns now: its phantom too is dropped by `trim`.
    assert_eq!(heap.alloc(layout(16)).unwrap(), back);
    free_all(&heap, 16, full);
    free_all(&heap, 16, [back]);
    assert_eq!(heap.kept_pools(), 1);
    assert_eq!(heap.alloc(layout(16)).unwrap(), back);
    free_all(&heap, 16, [back]);
    assert_eq!(heap.bytes_handed_out(), 0);
    assert_eq!(heap.trim(), crate::ARENA_SIZE);
    assert_eq!(heap.kept_pools(), 0);
    let s = heap.stats();
    assert_eq!((s.arenas_current, s.used_pools), (0, 0));
}
