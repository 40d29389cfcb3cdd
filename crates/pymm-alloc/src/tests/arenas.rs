//! Arenas: ordering fullest first, unmapping, and the one spare.

use super::*;
use crate::{blocks_per_pool, POOLS_PER_ARENA};

const SIZE: usize = 512;

/// Fills `arenas` whole arenas with 512-byte blocks; returns the blocks arena by arena, pool
/// by pool. Pools come from the fullest arena, so allocation order follows arena order.
fn fill_arenas(heap: &Heap, arenas: usize) -> Vec<Vec<Vec<NonNull<u8>>>> {
    let per_pool = blocks_per_pool(SIZE / 16 - 1);
    (0..arenas)
        .map(|_| {
            (0..POOLS_PER_ARENA)
                .map(|_| alloc_many(heap, SIZE, per_pool))
                .collect()
        })
        .collect()
}

/// Frees `count` whole pools of one arena.
fn free_pools(heap: &Heap, arena: &mut Vec<Vec<NonNull<u8>>>, count: usize) {
    for _ in 0..count {
        free_all(heap, SIZE, arena.pop().expect("a pool left"));
    }
}

#[test]
fn usable_arenas_stay_ordered_fullest_first() {
    let heap = Heap::new();
    let mut arenas = fill_arenas(&heap, 3);
    let third_arena: Vec<usize> = arenas[2].iter().map(|pool| pool_addr(pool[0])).collect();
    assert_eq!(
        heap.usable_free_counts(),
        Vec::<u32>::new(),
        "full arenas are not usable"
    );
    free_pools(&heap, &mut arenas[0], 5);
    free_pools(&heap, &mut arenas[1], 2);
    free_pools(&heap, &mut arenas[2], 9);
    assert_eq!(heap.usable_free_counts(), [2, 5, 9]);
    free_pools(&heap, &mut arenas[1], 5);
    assert_eq!(heap.usable_free_counts(), [5, 7, 9]);
    free_pools(&heap, &mut arenas[0], 2);
    assert_eq!(heap.usable_free_counts(), [7, 7, 9]);

    // A new pool comes from the fullest arena (arena 0 or 1, both at 7; never arena 2).
    let block = heap.alloc(layout(SIZE)).unwrap();
    assert_eq!(heap.usable_free_counts(), [6, 7, 9]);
    assert!(
        !third_arena.contains(&pool_addr(block)),
        "the emptiest arena is left to drain"
    );
    free_all(&heap, SIZE, [block]);
    assert_eq!(heap.usable_free_counts(), [7, 7, 9]);
    assert_stats_add_up(&heap);
    for arena in arenas {
        free_all(&heap, SIZE, arena.into_iter().flatten());
    }
}

#[test]
fn with_no_purge_delay_wholly_free_arenas_are_unmapped_keeping_one_spare() {
    let heap = eager_heap();
    let arenas = fill_arenas(&heap, 3);
    let s = heap.stats();
    assert_eq!(
        (
            s.arenas_current,
            s.arenas_allocated_total,
            s.arenas_high_water
        ),
        (3, 3, 3)
    );
    let mut arenas = arenas.into_iter();

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total),
        (3, 0),
        "first free arena is the spare"
    );
    assert_eq!(heap.usable_free_counts(), [64]);

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total),
        (2, 1),
        "second one is unmapped"
    );

    free_all(&heap, SIZE, arenas.next().unwrap().into_iter().flatten());
    let s = heap.stats();
    assert_eq!(
        (
            s.arenas_current,
            s.arenas_reclaimed_total,
            s.arenas_high_water
        ),
        (1, 2, 3)
    );
    assert_eq!(s.bytes_mapped, crate::ARENA_SIZE);
    assert_stats_add_up(&heap);

    // The spare is reused before any new arena is mapped.
    let block = heap.alloc(layout(16)).unwrap();
    assert_eq!(heap.stats().arenas_allocated_total, 3);
    free_all(&heap, 16, [block]);
}

#[test]
fn a_lone_arena_is_kept_when_its_last_pool_empties() {
    let heap = Heap::new();
    let block = heap.alloc(layout(100)).unwrap();
    free_all(&heap, 100, [block]);
    let s = heap.stats();
    assert_eq!(
        (s.arenas_current, s.arenas_reclaimed_total, s.unused_pools),
        (1, 0, 64)
    );
}
