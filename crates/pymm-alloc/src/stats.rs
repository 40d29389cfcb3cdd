//! Statistics in the spirit of CPython's `sys._debugmallocstats()`.
//!
//! A snapshot is computed by walking every pool that was ever formatted (at most 63 per
//! arena: its record and its header), as CPython's `_PyObject_DebugMallocStats` does, so it
//! costs nothing on the allocation paths: only the pools' block counts are kept up there.
//!
//! Identity that always holds (checked by the tests):
//! `bytes_in_used_blocks + bytes_in_free_blocks + bytes_in_unused_pools
//!  + bytes_lost_to_pool_headers + bytes_lost_to_pool_tails == bytes_mapped`.

use crate::heap::HeapState;
use crate::pool::hot_of;
use crate::size_class::{
    blocks_per_pool, class_size, ARENA_SIZE, NUM_SIZE_CLASSES, POOL_HEADER_SIZE, POOL_SIZE,
    SMALL_REQUEST_THRESHOLD,
};
use crate::types::Arena;
use std::fmt;

/// Figures for one size class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassStats {
    /// Bytes per block of this class (16, 32, ..., 512).
    pub block_size: usize,
    /// Pools currently serving this class (partly used or full).
    pub pools: usize,
    /// Blocks handed out.
    pub blocks_in_use: usize,
    /// Blocks still available in this class's pools (free-listed or never carved).
    pub free_blocks: usize,
}

/// A snapshot of a heap. All fields are plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// One entry per size class, smallest first.
    pub classes: [ClassStats; NUM_SIZE_CLASSES],
    /// Arenas mapped since the heap was made.
    pub arenas_allocated_total: usize,
    /// Arenas unmapped since the heap was made.
    pub arenas_reclaimed_total: usize,
    /// Most arenas mapped at once.
    pub arenas_high_water: usize,
    /// Arenas mapped now (including the wholly free ones waiting for their purge).
    pub arenas_current: usize,
    /// Mapped arenas with no pool in use: kept for reuse until the purge delay passes
    /// ([`Heap::set_purge_delay`](crate::Heap::set_purge_delay)) or [`Heap::trim`](crate::Heap::trim).
    pub arenas_empty: usize,
    /// Of the empty arenas, those whose memory was already given back (`madvise`), to be
    /// unmapped later.
    pub arenas_purged: usize,
    /// Pools serving a size class.
    pub used_pools: usize,
    /// Pools in mapped arenas serving no class (emptied or never used); with `used_pools`,
    /// [`POOLS_PER_ARENA`](crate::POOLS_PER_ARENA) per arena (each arena's first pool, which
    /// holds the pools' records, is counted in `bytes_lost_to_pool_headers`).
    pub unused_pools: usize,
    /// Live large blocks (size 0, > 512 bytes, or align > 16).
    pub large_blocks: usize,
    /// Bytes requested by live large blocks.
    pub large_bytes: usize,
    /// Bytes in small blocks handed out (counted by class size).
    pub bytes_in_used_blocks: usize,
    /// Bytes in small blocks available in used pools.
    pub bytes_in_free_blocks: usize,
    /// Bytes in unused pools.
    pub bytes_in_unused_pools: usize,
    /// Bytes taken by the headers of used pools, and by each arena's first pool, which holds
    /// the pools' records (their hot fields) and serves no block.
    pub bytes_lost_to_pool_headers: usize,
    /// Bytes at the end of used pools too short for one more block.
    pub bytes_lost_to_pool_tails: usize,
    /// Bytes mapped for arenas (`arenas_current * 1 MiB`).
    pub bytes_mapped: usize,
    /// Bytes handed out (small blocks by class size + large ones by size), exact.
    pub bytes_handed_out: usize,
    /// Bytes the limit counts: [`POOL_SIZE`] per pool held (serving blocks, full, or kept
    /// for its class) plus the sizes of live large blocks; at least `bytes_handed_out`.
    pub bytes_committed: usize,
    /// The heap's limit on `bytes_committed`, if any.
    pub limit: Option<usize>,
}

impl Stats {
    /// Small blocks handed out, over all classes.
    pub fn small_blocks_in_use(&self) -> usize {
        self.classes.iter().map(|c| c.blocks_in_use).sum()
    }
}

/// Builds the snapshot of `state`, whose head pools have written back their hot fields
/// (`UsedLists::write_back`).
pub(crate) fn collect(state: &HeapState) -> Stats {
    let mut classes: [ClassStats; NUM_SIZE_CLASSES] = std::array::from_fn(|class| ClassStats {
        block_size: class_size(class),
        ..ClassStats::default()
    });
    state
        .arenas
        .for_each(|arena| count_pools(arena, &mut classes));
    let arenas = &state.arenas;
    let used_pools: usize = classes.iter().map(|c| c.pools).sum();
    let unused_pools = arenas.current * crate::size_class::POOLS_PER_ARENA - used_pools;
    let sum = |f: fn(&ClassStats) -> usize| classes.iter().map(f).sum::<usize>();
    let bytes_in_used_blocks = sum(|c| c.blocks_in_use * c.block_size);
    let bytes_in_free_blocks = sum(|c| c.free_blocks * c.block_size);
    let bytes_handed_out = bytes_in_used_blocks + state.large.bytes;
    debug_assert_eq!(
        bytes_handed_out,
        state.bytes_handed_out(),
        "the per-class counts (used_lists.rs) disagree with the pools' records"
    );
    let bytes_lost_to_pool_tails =
        sum(|c| c.pools * ((POOL_SIZE - POOL_HEADER_SIZE) % c.block_size));
    Stats {
        arenas_allocated_total: arenas.allocated_total,
        arenas_reclaimed_total: arenas.reclaimed_total,
        arenas_high_water: arenas.high_water,
        arenas_current: arenas.current,
        arenas_empty: arenas.empty,
        arenas_purged: arenas.purged,
        used_pools,
        unused_pools,
        large_blocks: state.large.count,
        large_bytes: state.large.bytes,
        bytes_in_used_blocks,
        bytes_in_free_blocks,
        bytes_in_unused_pools: unused_pools * POOL_SIZE,
        bytes_lost_to_pool_headers: used_pools * POOL_HEADER_SIZE + arenas.current * POOL_SIZE,
        bytes_lost_to_pool_tails,
        bytes_mapped: arenas.current * ARENA_SIZE,
        bytes_handed_out,
        bytes_committed: state.committed(),
        limit: (state.budget.limit() != usize::MAX).then_some(state.budget.limit()),
        classes,
    }
}

/// Adds the used pools of one arena to the per-class figures.
fn count_pools(arena: &Arena, classes: &mut [ClassStats; NUM_SIZE_CLASSES]) {
    for index in 0..arena.untouched as usize {
        let pool = arena.pool(index);
        // SAFETY: pools below `untouched` were formatted and stay inside the live mapping,
        // and so do their records.
        let (hot, header) = unsafe { (*hot_of(pool.cast()), &*pool) };
        if hot.ref_count == 0 {
            continue; // emptied: on the arena's free list, serving no class
        }
        let class = &mut classes[header.size_class as usize];
        class.pools += 1;
        class.blocks_in_use += hot.ref_count as usize;
        class.free_blocks += blocks_per_pool(header.size_class as usize) - hot.ref_count as usize;
    }
}

/// `1234567` -> `"1,234,567"`.
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_classes(f)?;
        self.fmt_arenas(f)?;
        self.fmt_bytes(f)
    }
}

impl Stats {
    fn fmt_classes(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NUM_SIZE_CLASSES} size classes.\n"
        )?;
        writeln!(f, "class   size   num pools   blocks in use  avail blocks")?;
        writeln!(f, "-----   ----   ---------   -------------  ------------")?;
        for (index, class) in self.classes.iter().enumerate().filter(|(_, c)| c.pools > 0) {
            writeln!(
                f,
                "{index:5} {:6} {:11} {:15} {:13}",
                class.block_size, class.pools, class.blocks_in_use, class.free_blocks
            )?;
        }
        writeln!(f)
    }

    fn fmt_arenas(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, label: &str, n: usize| {
            writeln!(f, "{label:<35}= {:>20}", grouped(n))
        };
        line(f, "# arenas allocated total", self.arenas_allocated_total)?;
        line(f, "# arenas reclaimed", self.arenas_reclaimed_total)?;
        line(f, "# arenas highwater mark", self.arenas_high_water)?;
        line(f, "# arenas allocated current", self.arenas_current)?;
        line(f, "# arenas empty (awaiting purge)", self.arenas_empty)?;
        line(f, "# arenas empty and purged", self.arenas_purged)?;
        let label = format!("{} arenas * {ARENA_SIZE} bytes/arena", self.arenas_current);
        line(f, &label, self.bytes_mapped)?;
        writeln!(f)
    }

    fn fmt_bytes(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, label: &str, n: usize| {
            writeln!(f, "{label:<35}= {:>20}", grouped(n))
        };
        line(f, "# bytes in allocated blocks", self.bytes_in_used_blocks)?;
        line(f, "# bytes in available blocks", self.bytes_in_free_blocks)?;
        let label = format!("{} unused pools * {POOL_SIZE} bytes", self.unused_pools);
        line(f, &label, self.bytes_in_unused_pools)?;
        line(
            f,
            "# bytes lost to pool/arena headers",
            self.bytes_lost_to_pool_headers,
        )?;
        line(
            f,
            "# bytes lost to pool tails",
            self.bytes_lost_to_pool_tails,
        )?;
        line(f, "Total", self.bytes_mapped)?;
        writeln!(f)?;
        line(f, "# large blocks (system allocator)", self.large_blocks)?;
        line(f, "# bytes in large blocks", self.large_bytes)?;
        line(f, "# bytes handed out", self.bytes_handed_out)?;
        line(f, "# bytes committed (limit counts)", self.bytes_committed)?;
        match self.limit {
            Some(limit) => line(f, "# heap limit", limit),
            None => writeln!(f, "{:<35}= {:>20}", "# heap limit", "none"),
        }
    }
}
