//! Property test: random alloc / realloc / dealloc sequences checked against a plain model.
//!
//! After every step: the touched block is aligned and does not overlap any other live block,
//! every live block still holds its fill pattern, and the statistics agree with the model.

use proptest::prelude::*;
use pymm_alloc::{
    class_size, is_small, Heap, ARENA_SIZE, NUM_SIZE_CLASSES, POOLS_PER_ARENA, POOL_SIZE,
};
use std::alloc::Layout;
use std::ptr::NonNull;

/// One step of a workload. Indices pick a live block modulo the number of live blocks.
#[derive(Debug, Clone)]
enum Op {
    Alloc { size: usize, align: usize },
    Dealloc { index: usize },
    Realloc { index: usize, new_size: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let align =
        prop_oneof![8 => Just(8usize), 1 => Just(1), 1 => Just(16), 1 => Just(32), 1 => Just(64)];
    prop_oneof![
        4 => (0..=1100usize, align).prop_map(|(size, align)| Op::Alloc { size, align }),
        3 => any::<usize>().prop_map(|index| Op::Dealloc { index }),
        2 => (any::<usize>(), 0..=1100usize).prop_map(|(index, new_size)| Op::Realloc { index, new_size }),
    ]
}

/// A live block as the model sees it.
struct Live {
    ptr: NonNull<u8>,
    layout: Layout,
    fill: u8,
}

impl Live {
    fn bytes(&self) -> &[u8] {
        // SAFETY: the block is live and its first `layout.size()` bytes were filled.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.layout.size()) }
    }

    /// Bytes counted against the limit: class size for small blocks, size for large ones.
    fn charged(&self) -> usize {
        if is_small(self.layout) {
            class_size((self.layout.size() - 1) / 16)
        } else {
            self.layout.size()
        }
    }
}

/// The heap under test and the model of what should be live.
struct Harness {
    heap: Heap,
    live: Vec<Live>,
    next_fill: u8,
    /// The heap has no purge delay.
    eager: bool,
}

impl Harness {
    fn new(eager: bool) -> Harness {
        let heap = Heap::new();
        if eager {
            heap.set_purge_delay(std::time::Duration::ZERO);
        }
        Harness {
            heap,
            live: Vec::new(),
            next_fill: 0,
            eager,
        }
    }
}

impl Harness {
    fn fill(&mut self, ptr: NonNull<u8>, len: usize) -> u8 {
        self.next_fill = self.next_fill.wrapping_add(37);
        // SAFETY: `ptr` is a live block valid for `len` bytes.
        unsafe { ptr.as_ptr().write_bytes(self.next_fill, len) };
        self.next_fill
    }

    fn apply(&mut self, op: Op) -> Result<(), TestCaseError> {
        match op {
            Op::Alloc { size, align } => {
                let layout = Layout::from_size_align(size, align).unwrap();
                let ptr = self
                    .heap
                    .alloc(layout)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let fill = self.fill(ptr, size);
                self.live.push(Live { ptr, layout, fill });
                self.check_placement(self.live.len() - 1)?;
            }
            Op::Dealloc { index } if !self.live.is_empty() => {
                let gone = self.live.swap_remove(index % self.live.len());
                prop_assert!(
                    gone.bytes().iter().all(|&b| b == gone.fill),
                    "contents changed"
                );
                // SAFETY: the model only holds live blocks with their layouts.
                unsafe { self.heap.dealloc(gone.ptr, gone.layout) };
            }
            Op::Realloc { index, new_size } if !self.live.is_empty() => {
                let index = index % self.live.len();
                self.realloc(index, new_size)?;
            }
            _ => {}
        }
        self.check_contents()?;
        self.check_stats()
    }

    fn realloc(&mut self, index: usize, new_size: usize) -> Result<(), TestCaseError> {
        let Live { ptr, layout, fill } = self.live[index];
        // SAFETY: the model's block is live with `layout`.
        let moved = unsafe { self.heap.realloc(ptr, layout, new_size) }
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let kept = layout.size().min(new_size);
        // SAFETY: the new block is valid for `new_size >= kept` bytes.
        let prefix = unsafe { std::slice::from_raw_parts(moved.as_ptr(), kept) };
        prop_assert!(prefix.iter().all(|&b| b == fill), "realloc lost contents");
        let new_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
        let fill = self.fill(moved, new_size);
        self.live[index] = Live {
            ptr: moved,
            layout: new_layout,
            fill,
        };
        self.check_placement(index)
    }

    fn check_placement(&self, index: usize) -> Result<(), TestCaseError> {
        let block = &self.live[index];
        let start = block.ptr.as_ptr().addr();
        prop_assert_eq!(start % block.layout.align(), 0, "misaligned block");
        let end = start + block.layout.size().max(1);
        for (other_index, other) in self.live.iter().enumerate() {
            let other_start = other.ptr.as_ptr().addr();
            let other_end = other_start + other.layout.size().max(1);
            let disjoint = end <= other_start || other_end <= start;
            prop_assert!(other_index == index || disjoint, "live blocks overlap");
        }
        Ok(())
    }

    fn check_contents(&self) -> Result<(), TestCaseError> {
        for block in &self.live {
            prop_assert!(
                block.bytes().iter().all(|&b| b == block.fill),
                "contents changed"
            );
        }
        Ok(())
    }

    fn check_stats(&self) -> Result<(), TestCaseError> {
        let s = self.heap.stats();
        let small: Vec<&Live> = self.live.iter().filter(|b| is_small(b.layout)).collect();
        prop_assert_eq!(s.small_blocks_in_use(), small.len());
        prop_assert_eq!(s.large_blocks, self.live.len() - small.len());
        let large_bytes: usize = self
            .live
            .iter()
            .filter(|b| !is_small(b.layout))
            .map(|b| b.layout.size())
            .sum();
        prop_assert_eq!(s.large_bytes, large_bytes);
        prop_assert_eq!(
            s.bytes_handed_out,
            self.live.iter().map(Live::charged).sum::<usize>()
        );
        for (class, figures) in s.classes.iter().enumerate() {
            let live = small
                .iter()
                .filter(|b| (b.layout.size() - 1) / 16 == class)
                .count();
            prop_assert_eq!(figures.blocks_in_use, live, "class {}", class);
        }
        let used_bytes: usize = small.iter().map(|b| b.charged()).sum();
        prop_assert_eq!(s.bytes_in_used_blocks, used_bytes);
        // Every used pool holds a live block; every mapped arena but the empty ones (waiting
        // for their purge) and at most one standing in for them with kept pools holds a used
        // pool, and the used pools need at least ceil(used / 64) arenas.
        prop_assert!(s.used_pools <= small.len());
        // The limit's count: every used pool, plus at most one kept pool per class, plus the
        // large blocks; never less than what is handed out.
        let committed_floor = s.used_pools * POOL_SIZE + large_bytes;
        prop_assert!(s.bytes_committed >= committed_floor);
        prop_assert!(s.bytes_committed <= committed_floor + NUM_SIZE_CLASSES * POOL_SIZE);
        prop_assert!(s.bytes_committed >= s.bytes_handed_out);
        prop_assert!(s.arenas_purged <= s.arenas_empty);
        // With no purge delay, at most one arena is empty (the spare).
        prop_assert!(!self.eager || s.arenas_empty <= 1);
        prop_assert!(
            s.arenas_current - s.arenas_empty <= s.used_pools + 1,
            "too many arenas kept:\n{}",
            s
        );
        prop_assert!(s.arenas_current >= s.used_pools.div_ceil(POOLS_PER_ARENA));
        prop_assert_eq!(s.bytes_mapped, s.arenas_current * ARENA_SIZE);
        prop_assert_eq!(
            s.bytes_in_used_blocks
                + s.bytes_in_free_blocks
                + s.bytes_in_unused_pools
                + s.bytes_lost_to_pool_headers
                + s.bytes_lost_to_pool_tails,
            s.bytes_mapped
        );
        Ok(())
    }

    /// Frees everything left; afterwards every mapped arena is empty but at most one (standing
    /// in with kept pools), with no purge delay at most one arena stays mapped, and `trim`
    /// unmaps them all.
    fn drain(&mut self) -> Result<(), TestCaseError> {
        while !self.live.is_empty() {
            self.apply(Op::Dealloc { index: 0 })?;
        }
        let s = self.heap.stats();
        prop_assert!(
            s.arenas_current - s.arenas_empty <= 1 && (!self.eager || s.arenas_current <= 1),
            "too many arenas kept:\n{}",
            s
        );
        prop_assert_eq!(s.unused_pools, s.arenas_current * POOLS_PER_ARENA);
        prop_assert_eq!(self.heap.trim(), s.arenas_current * ARENA_SIZE);
        prop_assert_eq!(self.heap.stats().arenas_current, 0);
        Ok(())
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 6 } else { 256 },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn heap_matches_model(
        ops in prop::collection::vec(op(), 1..if cfg!(miri) { 40 } else { 400 }),
        eager in any::<bool>(),
    ) {
        let mut harness = Harness::new(eager);
        for op in ops {
            harness.apply(op)?;
        }
        harness.drain()?;
    }
}

/// Many blocks freed in shuffled order, so pools fill and empty and arenas are unmapped.
/// Under Miri: fewer, larger blocks (still several arenas) and sampled content checks.
#[test]
fn many_blocks_in_shuffled_order() {
    let (count, min_size) = if cfg!(miri) { (4500, 385) } else { (50_000, 1) };
    let mut harness = Harness::new(true);
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for _ in 0..count {
        let size = min_size + next() % (513 - min_size);
        let layout = Layout::from_size_align(size, 8).unwrap();
        let ptr = harness.heap.alloc(layout).unwrap();
        let fill = harness.fill(ptr, layout.size());
        harness.live.push(Live { ptr, layout, fill });
    }
    while !harness.live.is_empty() {
        let gone = harness.live.swap_remove(next() % harness.live.len());
        let bytes = gone.bytes();
        let sample = if cfg!(miri) {
            [&bytes[..8], &bytes[bytes.len() - 8..]].concat()
        } else {
            bytes.to_vec()
        };
        assert!(sample.iter().all(|&b| b == gone.fill), "contents changed");
        // SAFETY: live block with its layout.
        unsafe { harness.heap.dealloc(gone.ptr, gone.layout) };
    }
    let s = harness.heap.stats();
    assert!(
        s.arenas_current <= 1,
        "more than one spare arena kept:\n{s}"
    );
    assert!(
        s.arenas_high_water > 1,
        "the workload should have needed several arenas"
    );
}
