//! Read-only counts for pictures of a heap: objects per generation and the arena map.
//!
//! Both walk the heap (every tracked object, every pool header), so they are for
//! occasional snapshots, not for paths that run per allocation.

use crate::collector::unchanged::gen_len;
use crate::heap::Heap;
use crate::object::list;

/// Tracked objects per generation at one moment (what CPython's `DEBUG_STATS` prints).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationSizes {
    /// Objects in generations 0, 1 and 2.
    pub generations: [usize; 3],
    /// Objects in the permanent generation (`gc.freeze()`).
    pub frozen: usize,
}

impl Heap {
    /// Tracked objects in each generation and in the permanent one; walks every list.
    ///
    /// ```
    /// use pymm::Heap;
    /// use std::cell::RefCell;
    /// let heap = Heap::new();
    /// let a = heap.alloc(RefCell::new(Vec::<pymm::Gc<u8>>::new()));
    /// assert_eq!(heap.generation_sizes().generations[0], 1);
    /// heap.collect(0);
    /// assert_eq!(heap.generation_sizes().generations, [0, 1, 0]);
    /// heap.freeze();
    /// assert_eq!(heap.generation_sizes().frozen, 1);
    /// # drop(a);
    /// ```
    pub fn generation_sizes(&self) -> GenerationSizes {
        let state = self.state();
        GenerationSizes {
            generations: [0, 1, 2].map(|gen| gen_len(state, gen)),
            frozen: list::len(&state.permanent),
        }
    }

    /// The allocator's arenas and the state of each pool (see
    /// [`pymm_alloc::ArenaSnapshot`]).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let x = heap.alloc(1u64);
    /// let used = heap.arena_map()[0]
    ///     .pools
    ///     .iter()
    ///     .filter(|p| matches!(p, pymm::pymm_alloc::PoolState::Used { .. }))
    ///     .count();
    /// assert!(used >= 1);
    /// # drop(x);
    /// ```
    pub fn arena_map(&self) -> Vec<pymm_alloc::ArenaSnapshot> {
        self.state().alloc.arena_map()
    }
}
