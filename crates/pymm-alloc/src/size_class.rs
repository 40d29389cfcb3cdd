//! Size classes and the fixed geometry of arenas and pools.
//!
//! Invariants every other module relies on:
//! - a small request is `1..=SMALL_REQUEST_THRESHOLD` bytes with alignment `<= ALIGNMENT`;
//! - class `i` serves blocks of exactly `(i + 1) * ALIGNMENT` bytes, so `class_index` is one
//!   subtraction and one shift;
//! - `POOL_HEADER_SIZE` and every class size are multiples of `ALIGNMENT`, and pools start on a
//!   `POOL_SIZE` boundary, so every block is `ALIGNMENT`-aligned;
//! - an arena is `ARENA_SIZE` bytes mapped at an `ARENA_SIZE`-aligned address: its first pool
//!   holds the pools' records (`types::PoolRecords`), found from any block by masking, and
//!   the `POOLS_PER_ARENA` pools after it serve blocks.

/// Granularity of size classes and the alignment of every small block (CPython's `ALIGNMENT`).
pub const ALIGNMENT: usize = 16;
const ALIGNMENT_SHIFT: u32 = ALIGNMENT.trailing_zeros();

/// Largest request served from pools; bigger ones go to the system allocator.
pub const SMALL_REQUEST_THRESHOLD: usize = 512;

/// Number of size classes: 16, 32, ..., 512 bytes.
pub const NUM_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

/// Bytes in one pool (CPython 3.10+ on 64-bit builds).
pub const POOL_SIZE: usize = 16 * 1024;

/// Mask that turns any address inside a pool into the pool's start.
pub(crate) const POOL_ADDR_MASK: usize = !(POOL_SIZE - 1);

/// Bytes in one arena, the unit mapped from and returned to the operating system.
pub const ARENA_SIZE: usize = 1024 * 1024;

/// Mask that turns any address inside an arena into the arena's start (arenas are mapped
/// `ARENA_SIZE`-aligned).
pub(crate) const ARENA_ADDR_MASK: usize = !(ARENA_SIZE - 1);

/// Pools serving blocks in one arena: every pool of it but the first, which holds the
/// pools' hot fields (`types::PoolRecords`).
pub const POOLS_PER_ARENA: usize = ARENA_SIZE / POOL_SIZE - 1;

/// Bytes at the start of every pool reserved for its header: CPython's 48, so that pool
/// capacities ([`blocks_per_pool`]) stay CPython's. The header proper
/// (`types::PoolHeader`) is smaller, its hot fields living in the arena's first pool.
pub const POOL_HEADER_SIZE: usize = 48;

const _: () = assert!(std::mem::size_of::<crate::types::PoolHeader>() <= POOL_HEADER_SIZE);
const _: () = assert!(POOL_HEADER_SIZE.is_multiple_of(ALIGNMENT));
const _: () = assert!(POOLS_PER_ARENA == 63);

/// Rounds `n` up to a multiple of the power of two `align` (no overflow for the constants
/// and small sizes it is used with).
pub(crate) const fn round_up(n: usize, align: usize) -> usize {
    (n + align - 1) & !(align - 1)
}

/// Size class index of a small request of `size` bytes (`1..=512`).
#[inline(always)]
pub(crate) fn class_index(size: usize) -> usize {
    debug_assert!((1..=SMALL_REQUEST_THRESHOLD).contains(&size));
    (size - 1) >> ALIGNMENT_SHIFT
}

/// Block size served by class `class`.
#[inline(always)]
pub const fn class_size(class: usize) -> usize {
    (class + 1) << ALIGNMENT_SHIFT
}

/// How many blocks of class `class` one pool holds.
pub const fn blocks_per_pool(class: usize) -> usize {
    (POOL_SIZE - POOL_HEADER_SIZE) / class_size(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_16_bytes_apart_up_to_512() {
        assert_eq!(class_index(1), 0);
        assert_eq!(class_index(16), 0);
        assert_eq!(class_index(17), 1);
        assert_eq!(class_index(512), 31);
        assert_eq!(class_size(0), 16);
        assert_eq!(class_size(31), 512);
        for size in 1..=SMALL_REQUEST_THRESHOLD {
            let class = class_index(size);
            assert!(class_size(class) >= size);
            assert!(class == 0 || class_size(class - 1) < size);
        }
    }

    #[test]
    fn pool_capacity_matches_cpython() {
        assert_eq!(blocks_per_pool(0), 1021);
        assert_eq!(blocks_per_pool(31), 31);
    }
}
