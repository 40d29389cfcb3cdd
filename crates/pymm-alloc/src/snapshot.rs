//! A read-only map of a heap's arenas and pools, for pictures of the heap: which pools of
//! which arena serve which size class, and how full each is.
//!
//! Like [`Stats`](crate::Stats), a map is built by walking the pools of every mapped arena
//! (their records and headers, at most 63 per arena); the allocation paths do nothing for
//! it. An arena's first pool, which holds the records and serves no block, is not listed.
//!
//! ```
//! use pymm_alloc::{Heap, PoolState};
//! use std::alloc::Layout;
//!
//! let heap = Heap::new();
//! let layout = Layout::from_size_align(24, 8).unwrap();
//! let blocks: Vec<_> = (0..3).map(|_| heap.alloc(layout).unwrap()).collect();
//!
//! let map = heap.arena_map();
//! assert_eq!(map.len(), 1);
//! assert_eq!(map[0].pools.len(), pymm_alloc::POOLS_PER_ARENA);
//! // The first pool serves the 32-byte class and holds the three blocks.
//! assert_eq!(map[0].pools[0], PoolState::Used { class: 1, blocks_in_use: 3 });
//! assert_eq!(map[0].pools[1], PoolState::Untouched);
//!
//! for block in blocks {
//!     // SAFETY: allocated above with this layout, freed once.
//!     unsafe { heap.dealloc(block, layout) };
//! }
//! ```

use crate::heap::HeapState;
use crate::pool::hot_of;
use crate::size_class::POOLS_PER_ARENA;
use crate::types::Arena;

/// What one pool of an arena is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolState {
    /// Never used since the arena was mapped.
    Untouched,
    /// Used before and now holding no block: free for any size class (or kept, formatted,
    /// for its old class; see the crate docs).
    Empty,
    /// Serving size class `class` (block size [`class_size`](crate::class_size)`(class)`),
    /// with `blocks_in_use` of its [`blocks_per_pool`](crate::blocks_per_pool)`(class)`
    /// blocks handed out.
    Used {
        /// Size class index, 0 for 16-byte blocks up to 31 for 512-byte blocks.
        class: usize,
        /// Blocks handed out from this pool.
        blocks_in_use: usize,
    },
}

/// One mapped arena: its address and its pools in address order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArenaSnapshot {
    /// The arena's first byte (identifies the arena while it stays mapped); its pools that
    /// serve blocks start one pool further.
    pub base: usize,
    /// Its [`POOLS_PER_ARENA`] pools that serve blocks, lowest address first.
    pub pools: Vec<PoolState>,
}

/// Builds the map of `state`, arenas in ascending address order; its head pools have written
/// back their hot fields (`UsedLists::write_back`).
pub(crate) fn collect(state: &HeapState) -> Vec<ArenaSnapshot> {
    let mut arenas = Vec::with_capacity(state.arenas.current);
    state
        .arenas
        .for_each(|arena| arenas.push(snapshot_of(arena)));
    arenas.sort_by_key(|a| a.base);
    arenas
}

fn snapshot_of(arena: &Arena) -> ArenaSnapshot {
    let pools = (0..POOLS_PER_ARENA)
        .map(|index| {
            if index >= arena.untouched as usize {
                return PoolState::Untouched;
            }
            let pool = arena.pool(index);
            // SAFETY: pools below `untouched` were formatted and stay inside the live mapping,
            // and so do their records.
            let (hot, header) = unsafe { (*hot_of(pool.cast()), &*pool) };
            match hot.ref_count {
                0 => PoolState::Empty,
                used => PoolState::Used {
                    class: header.size_class as usize,
                    blocks_in_use: used as usize,
                },
            }
        })
        .collect();
    ArenaSnapshot {
        base: arena.base.addr(),
        pools,
    }
}
