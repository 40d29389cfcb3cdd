//! The heap limit.
//!
//! No figure is counted per block on the fast paths: the bytes handed out
//! (`Heap::bytes_handed_out`) are derived when asked from per-class block counts that change
//! only when a pool stops or starts heading its class's list, or a block goes back to a pool
//! that does not head it (`used_lists.rs`), plus the sizes of live large blocks (`large.rs`).
//!
//! The limit is checked at pool granularity, never per small block: it caps the bytes the
//! heap has *committed*, 16 KiB per pool taken from the arenas (in use, full or kept) plus the
//! sizes of live large blocks (`HeapState::committed`), and it is checked when a pool is taken
//! and when a large block is allocated or grown. Blocks handed out from a pool already taken
//! are covered by that pool's charge, so the fast path stays open on a limited heap, and
//! `bytes_handed_out <= committed <= limit` still holds. Only a limit lowered below what is
//! committed closes the fast path (`used_lists.rs`): every allocation then fails, until frees
//! give enough pools back; the first allocation that finds the heap under its limit again
//! reopens it (`small.rs`).
//!
//! Invariant: committed bytes grow past `limit` only if the limit was lowered below them;
//! then the used lists are checked (the fast path closed) until an allocation finds them
//! under it again.

/// The limit.
pub(crate) struct Budget {
    /// The limit on committed bytes as set; `usize::MAX` when there is none.
    limit: usize,
}

impl Budget {
    /// No limit.
    pub fn unlimited() -> Budget {
        Budget { limit: usize::MAX }
    }

    /// Whether `bytes` (`0..=isize::MAX`) more may be committed on top of `committed`.
    pub fn fits(&self, committed: usize, bytes: usize) -> bool {
        bytes == 0 || committed.saturating_add(bytes) <= self.limit
    }

    /// Whether `committed` bytes are more than the limit allows (it was lowered below them).
    pub fn exceeded_by(&self, committed: usize) -> bool {
        committed > self.limit
    }

    /// The limit, `usize::MAX` when there is none.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Replaces the limit (`usize::MAX` = none).
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_caps_committed_bytes_and_a_lowered_one_is_exceeded() {
        let mut budget = Budget::unlimited();
        assert!(budget.fits(usize::MAX - 1, 1) && !budget.exceeded_by(usize::MAX));
        budget.set_limit(200);
        assert_eq!(budget.limit(), 200);
        assert!(budget.fits(150, 0) && budget.fits(150, 50) && !budget.fits(150, 51));
        assert!(budget.exceeded_by(201) && !budget.exceeded_by(200));
        assert!(!budget.fits(usize::MAX, 1), "no overflow");
        budget.set_limit(usize::MAX);
        assert!(budget.fits(isize::MAX as usize, isize::MAX as usize));
    }
}
