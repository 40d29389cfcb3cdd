//! The heap limit as one signed counter, so that the allocation fast path checks and charges
//! it with a single load, compare and store.
//!
//! Invariants:
//! - `headroom = cap - handed out`, where `cap` is the limit clamped to `isize::MAX` (no heap
//!   can hand out more than `isize::MAX` bytes, since every `Layout` size is at most that);
//!   `usize::MAX` as the limit means "no limit";
//! - `headroom` is negative only after the limit was lowered below what was already handed out:
//!   every allocation then fails until enough is freed.

/// Bytes handed out against the heap's limit.
pub(crate) struct Budget {
    /// Bytes that may still be handed out (see the module invariants).
    headroom: isize,
    /// The limit as set; `usize::MAX` when there is none.
    limit: usize,
}

/// The limit as a signed cap.
fn cap_of(limit: usize) -> isize {
    limit.min(isize::MAX as usize) as isize
}

impl Budget {
    /// No limit, nothing handed out.
    pub fn unlimited() -> Budget {
        Budget {
            headroom: isize::MAX,
            limit: usize::MAX,
        }
    }

    /// Whether `bytes` (`1..=isize::MAX`) more may be handed out. One compare: the fast path.
    #[inline(always)]
    pub fn fits(&self, bytes: usize) -> bool {
        bytes as isize <= self.headroom
    }

    /// Like [`fits`](Self::fits), but also for 0 bytes, which always fit.
    pub fn fits_any(&self, bytes: usize) -> bool {
        bytes as isize <= self.headroom.max(0)
    }

    /// Charges `bytes` that [`fits`](Self::fits) allowed.
    #[inline(always)]
    pub fn take(&mut self, bytes: usize) {
        self.headroom -= bytes as isize;
    }

    /// Credits `bytes` handed back.
    #[inline(always)]
    pub fn give(&mut self, bytes: usize) {
        self.headroom += bytes as isize;
    }

    /// Bytes handed out now.
    pub fn handed_out(&self) -> usize {
        (cap_of(self.limit) - self.headroom) as usize
    }

    /// The limit, `usize::MAX` when there is none.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Replaces the limit (`usize::MAX` = none), keeping what is handed out.
    pub fn set_limit(&mut self, limit: usize) {
        let handed_out = self.handed_out() as isize;
        self.limit = limit;
        self.headroom = cap_of(limit) - handed_out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowering_the_limit_below_use_blocks_until_enough_is_given_back() {
        let mut budget = Budget::unlimited();
        budget.take(300);
        budget.set_limit(200);
        assert_eq!((budget.handed_out(), budget.limit()), (300, 200));
        assert!(budget.fits_any(0) && !budget.fits_any(1) && !budget.fits(1));
        budget.give(150);
        assert!(budget.fits(50) && !budget.fits(51));
        budget.set_limit(usize::MAX);
        assert_eq!(budget.handed_out(), 150);
        assert!(budget.fits(isize::MAX as usize - 150));
        assert!(!budget.fits(isize::MAX as usize - 149));
    }
}
