//! Debug builds only: one bit per 16-byte granule of an arena, set while a small block starts
//! there. It lets `dealloc` reject double frees and pointers that do not start a live block
//! without reading the block itself, in O(1) and without hashing (cheap under Miri too).

use crate::size_class::{ALIGNMENT, ARENA_SIZE};

const WORDS: usize = ARENA_SIZE / ALIGNMENT / 64;

/// The live-block bitmap of one arena.
pub(crate) struct LiveBits(Box<[u64; WORDS]>);

impl LiveBits {
    /// All clear: no live block.
    pub fn new() -> LiveBits {
        LiveBits(Box::new([0; WORDS]))
    }

    /// Word index and bit mask for `addr` in the arena starting at `base`.
    fn slot(base: usize, addr: usize) -> (usize, u64) {
        let granule = (addr - base) / ALIGNMENT;
        (granule / 64, 1 << (granule % 64))
    }

    /// Whether a live block starts in `addr`'s granule.
    pub fn is_set(&self, base: usize, addr: usize) -> bool {
        let (word, bit) = Self::slot(base, addr);
        self.0[word] & bit != 0
    }

    /// Records a block starting at `addr` as live.
    pub fn set(&mut self, base: usize, addr: usize) {
        let (word, bit) = Self::slot(base, addr);
        self.0[word] |= bit;
    }

    /// Records the block at `addr` as freed.
    pub fn clear(&mut self, base: usize, addr: usize) {
        let (word, bit) = Self::slot(base, addr);
        self.0[word] &= !bit;
    }
}
