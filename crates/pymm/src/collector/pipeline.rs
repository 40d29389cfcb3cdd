//! A short queue of children whose handling is deferred while their memory is fetched.
//!
//! A collection touches the header of every child it is shown; in a large heap with links
//! in random directions most of those touches miss the cache, and one at a time they cost
//! a full memory latency each. The tracer instead pushes each child here, asking the CPU to
//! prefetch its links and header, and handles the child pushed [`DEPTH`] visits earlier,
//! whose memory has had time to arrive (prefetching on grey, as in Cher, Hosking and
//! Vijaykumar, "Software prefetching for mark-sweep garbage collection", 2004).
//!
//! Only passes whose per-child work may be reordered use it (see `trace::Tracer::visit`);
//! they drain it before the results are read.
//!
//! The walks over the closure of a collection's suspects (`suspects::gather_subtracting`,
//! `reach::move_unreachable_closure`) also prefetch the member two steps ahead of the one
//! they scan ([`prefetch_two_ahead`]); whole-generation walks do not (allocation order,
//! which the CPU's own prefetcher follows).

use crate::object::header::Obj;

/// Children in flight. A power of two.
pub(crate) const DEPTH: usize = 16;

/// A ring of at most [`DEPTH`] children (`None`: empty slot). `pushed` counts the pushes
/// since the last drain: the ring is full from [`DEPTH`] on, and the oldest child sits at
/// `pushed % DEPTH`.
pub(crate) struct Pipeline {
    slots: [Option<Obj>; DEPTH],
    pushed: usize,
}

impl Pipeline {
    /// An empty pipeline.
    pub(crate) const fn new() -> Pipeline {
        Pipeline {
            slots: [None; DEPTH],
            pushed: 0,
        }
    }

    /// Whether no child is waiting.
    #[inline(always)]
    pub(crate) fn is_empty(&self) -> bool {
        self.pushed == 0
    }

    /// Queues `child` (its memory is prefetched) and returns the child queued [`DEPTH`]
    /// pushes ago, if the ring was full.
    #[inline(always)]
    pub(crate) fn push(&mut self, child: Obj) -> Option<Obj> {
        prefetch(child);
        let oldest = self.slots[self.pushed & (DEPTH - 1)].replace(child);
        self.pushed += 1;
        oldest
    }

    /// Takes every queued child out, oldest first, handing each to `f`, and leaves the
    /// ring empty.
    #[inline]
    pub(crate) fn drain(&mut self, mut f: impl FnMut(Obj)) {
        let first = self.pushed.saturating_sub(DEPTH);
        for pushed in first..self.pushed {
            if let Some(child) = self.slots[pushed & (DEPTH - 1)].take() {
                f(child);
            }
        }
        self.pushed = 0;
    }
}

/// Asks the CPU to bring a member of a walk into the cache: its links and header (the line
/// at `node`) and the line after them, where a small payload's fields start (what its
/// `Trace` impl reads first). A walk follows one step link per member, so a member's address
/// is known only when the one before it is reached: without a hint, a walk over members
/// scattered in memory (the closure of a collection's suspects, in the order its gather met
/// them) waits for each one in turn. `node` may be a list's head, or stale (a link changed
/// by the time the walk gets there): a hint only, it never faults and changes nothing.
#[inline(always)]
pub(crate) fn prefetch_member(node: *const crate::object::header::Links) {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let line = node.cast::<i8>();
        // SAFETY: prefetching never dereferences: any address is allowed, and
        // `wrapping_add` computes the next line's address without an in-bounds requirement.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(line);
            _mm_prefetch::<_MM_HINT_T0>(line.wrapping_add(64));
        }
    }
    #[cfg(not(all(target_arch = "x86_64", not(miri))))]
    let _ = node;
}

/// [`prefetch_member`] of the member two steps of `walk` after `node`: the one after next,
/// whose address is read from the next member's step link (in the cache by then: it was
/// prefetched the same way one member earlier). One member ahead is too late for a member
/// whose trace is short.
///
/// # Safety
/// `node` and the node after it are nodes of a well formed list (members or its head):
/// their step links are real.
#[inline(always)]
pub(crate) unsafe fn prefetch_two_ahead(
    walk: crate::object::walk::Walk,
    node: *const crate::object::header::Links,
) {
    // SAFETY: forwarded contract.
    let next = walk.step(unsafe { &*node }).get();
    // SAFETY: forwarded contract.
    prefetch_member(walk.step(unsafe { &*next }).get());
}

/// Asks the CPU to bring a child's header (and the links of a container, just before it)
/// into the cache. A hint only: it never faults and has no effect on the program's meaning.
#[inline(always)]
fn prefetch(child: Obj) {
    #[cfg(all(target_arch = "x86_64", not(miri)))]
    {
        use crate::object::header::LINKS_SIZE;
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let header = child.as_ptr().cast::<i8>();
        // SAFETY: prefetching never dereferences: any address is allowed, and
        // `wrapping_sub` computes the links' address without an in-bounds requirement.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(header);
            _mm_prefetch::<_MM_HINT_T0>(header.wrapping_sub(LINKS_SIZE));
        }
    }
    #[cfg(not(all(target_arch = "x86_64", not(miri))))]
    let _ = child;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::NonNull;

    /// Distinct object pointers (never dereferenced: the pipeline only prefetches them).
    fn objs(n: usize) -> Vec<Obj> {
        (1..=n)
            .map(|i| NonNull::new(std::ptr::without_provenance_mut(i * 64)).unwrap())
            .collect()
    }

    #[test]
    fn hands_children_back_in_push_order_once_full() {
        let children = objs(DEPTH + 5);
        let mut pipeline = Pipeline::new();
        let mut handled = Vec::new();
        for &child in &children {
            handled.extend(pipeline.push(child));
        }
        assert_eq!(handled, children[..5]);
        pipeline.drain(|child| handled.push(child));
        assert_eq!(handled, children);
        assert!(pipeline.is_empty());
    }

    #[test]
    fn drains_a_partly_filled_ring_oldest_first_and_starts_afresh() {
        let children = objs(7);
        let mut pipeline = Pipeline::new();
        for &child in &children[..3] {
            assert_eq!(pipeline.push(child), None);
        }
        let mut handled = Vec::new();
        pipeline.drain(|child| handled.push(child));
        assert_eq!(handled, children[..3]);
        for &child in &children[3..] {
            assert_eq!(pipeline.push(child), None);
        }
        assert!(!pipeline.is_empty());
        pipeline.drain(|child| handled.push(child));
        assert_eq!(handled, children);
    }
}
