//! The arena map agrees with the statistics and follows pools through their life cycle.

use super::*;
use crate::{PoolState, Stats, NUM_SIZE_CLASSES};

/// Pools and blocks per class as the map counts them, to compare with `Stats`.
fn per_class(heap: &Heap) -> [(usize, usize); NUM_SIZE_CLASSES] {
    let mut counts = [(0, 0); NUM_SIZE_CLASSES];
    for arena in heap.arena_map() {
        for pool in arena.pools {
            if let PoolState::Used {
                class,
                blocks_in_use,
            } = pool
            {
                counts[class].0 += 1;
                counts[class].1 += blocks_in_use;
            }
        }
    }
    counts
}

fn from_stats(stats: &Stats) -> [(usize, usize); NUM_SIZE_CLASSES] {
    std::array::from_fn(|c| (stats.classes[c].pools, stats.classes[c].blocks_in_use))
}

#[test]
fn map_matches_stats_and_tracks_pool_life_cycle() {
    let heap = Heap::new();
    assert!(heap.arena_map().is_empty(), "nothing mapped before use");
    // Enough 512-byte blocks for several arenas, and some 16-byte ones.
    let big = alloc_many(&heap, 512, 6000);
    let small = alloc_many(&heap, 16, 100);
    let map = heap.arena_map();
    assert_eq!(map.len(), heap.stats().arenas_current);
    assert!(map.windows(2).all(|w| w[0].base < w[1].base), "sorted");
    assert_eq!(per_class(&heap), from_stats(&heap.stats()));

    free_all(&heap, 16, small);
    let empty = heap
        .arena_map()
        .iter()
        .flat_map(|a| a.pools.clone())
        .filter(|p| *p == PoolState::Empty)
        .count();
    assert_eq!(empty, 1, "the emptied 16-byte pool is empty (kept)");
    assert_eq!(per_class(&heap), from_stats(&heap.stats()));

    free_all(&heap, 512, big);
    let map = heap.arena_map();
    assert_eq!(map.len(), heap.stats().arenas_current, "arenas went back");
    assert!(map
        .iter()
        .all(|a| a.pools.iter().all(|p| !matches!(p, PoolState::Used { .. }))));
}
