//! The heap limit and the exact count of bytes handed out.
//!
//! The count is the one figure kept up on the fast paths (an add on allocation, a subtract on
//! free): `Heap::bytes_handed_out` must be exact and O(1), because callers poll it at every
//! allocation of their own (a runtime's `--max-heap`, `tracemalloc`). Everything else the
//! statistics show is computed when asked, from pool and arena headers (`stats.rs`).
//!
//! The limit is *not* checked on the fast path: while one is set, the used lists close the
//! fast path (`used_lists.rs`), and the slow path checks every small block; large blocks are
//! checked when they are allocated.
//!
//! Invariants:
//! - `in_use` = class sizes of live small blocks + sizes of live large blocks, at most
//!   `isize::MAX` (every `Layout` size is at most that);
//! - `in_use` grows past `limit` only if the limit was lowered below it: every checked
//!   allocation then fails until enough is freed.

/// Bytes handed out, and the limit.
pub(crate) struct Budget {
    /// Bytes handed out now (see the module invariants).
    in_use: usize,
    /// The limit as set; `usize::MAX` when there is none.
    limit: usize,
}

impl Budget {
    /// No limit, nothing handed out.
    pub fn unlimited() -> Budget {
        Budget {
            in_use: 0,
            limit: usize::MAX,
        }
    }

    /// Whether `bytes` (`0..=isize::MAX`) more may be handed out.
    pub fn fits(&self, bytes: usize) -> bool {
        bytes == 0 || self.in_use + bytes <= self.limit
    }

    /// Charges `bytes` handed out.
    #[inline(always)]
    pub fn take(&mut self, bytes: usize) {
        self.in_use += bytes;
    }

    /// Credits `bytes` handed back.
    #[inline(always)]
    pub fn give(&mut self, bytes: usize) {
        self.in_use -= bytes;
    }

    /// Bytes handed out now.
    pub fn handed_out(&self) -> usize {
        self.in_use
    }

    /// The limit, `usize::MAX` when there is none.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Whether a limit is set.
    pub fn is_limited(&self) -> bool {
        self.limit != usize::MAX
    }

    /// Replaces the limit (`usize::MAX` = none), keeping what is handed out.
    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowering_the_limit_below_use_blocks_until_enough_is_given_back() {
        let mut budget = Budget::unlimited();
        assert!(!budget.is_limited());
        budget.take(300);
        budget.set_limit(200);
        assert!(budget.is_limited());
        assert_eq!((budget.handed_out(), budget.limit()), (300, 200));
        assert!(budget.fits(0) && !budget.fits(1));
        budget.give(150);
        assert!(budget.fits(50) && !budget.fits(51));
        budget.set_limit(usize::MAX);
        assert_eq!(budget.handed_out(), 150);
        assert!(budget.fits(isize::MAX as usize - 150));
    }
}
