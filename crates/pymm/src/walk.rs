//! Which way a collection walks its set, and what that decides about the links.
//!
//! `move_unreachable` costs least when parents are scanned before their children: a child
//! found reachable before the walk reaches it is never moved out (and back). An object can
//! only be built from objects that exist already, so parents built after their children
//! (a chain built from its tail, a tree built bottom-up) favour walking from the youngest
//! object; objects filled after they were made (a list appended to, roots made first and
//! linked to later objects) favour CPython's oldest-first walk. Each generation keeps the
//! direction that worked last (see `collect::choose_walk`).
//!
//! During a collection the walk follows one link ([`Walk::step`]) and the other one
//! ([`Walk::back`]) holds the scratch count `gc_refs` of the members flagged COLLECTING.

use std::cell::Cell;

use crate::header::Links;
use crate::list;

/// The direction of a collection's walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Walk {
    /// From the tail of the generation list (the youngest object), through `prev`.
    YoungestFirst,
    /// From the head (the oldest object), through `next`, as CPython does.
    OldestFirst,
}

impl Walk {
    /// The other direction.
    pub(crate) fn flipped(self) -> Walk {
        match self {
            Walk::YoungestFirst => Walk::OldestFirst,
            Walk::OldestFirst => Walk::YoungestFirst,
        }
    }

    /// The link the walk follows from a node to the next one it visits.
    #[inline(always)]
    pub(crate) fn step(self, links: &Links) -> &Cell<*const Links> {
        match self {
            Walk::YoungestFirst => &links.prev,
            Walk::OldestFirst => &links.next,
        }
    }

    /// The link that points back to where the walk came from; it holds the scratch count
    /// while the object is COLLECTING.
    #[inline(always)]
    pub(crate) fn back(self, links: &Links) -> &Cell<*const Links> {
        self.flipped().step(links)
    }

    /// The scratch count `gc_refs`.
    #[inline(always)]
    pub(crate) fn refs(self, links: &Links) -> usize {
        self.back(links).get().addr()
    }

    /// Stores `gc_refs` (a pointer without provenance: never dereferenced).
    #[inline(always)]
    pub(crate) fn set_refs(self, links: &Links, refs: usize) {
        self.back(links).set(std::ptr::without_provenance(refs));
    }

    /// Takes `n` off the scratch count (wrapping: a count taken below zero is a huge one,
    /// a root). Before `reach::subtract_refs` reaches a member, the same subtraction
    /// lowers the address in its back link instead (see there).
    #[inline(always)]
    pub(crate) fn take_refs(self, links: &Links, n: usize) {
        self.set_refs(links, self.refs(links).wrapping_sub(n));
    }

    /// Calls `f` on every object of the list in this direction, following [`Walk::step`]
    /// links only (the others may hold scratch counts). `f` must not change the step link
    /// of the node it is given.
    pub(crate) fn for_each(self, head: &Links, mut f: impl FnMut(crate::header::Obj)) {
        let mut node = self.step(head).get();
        while !std::ptr::eq(node, head) {
            // SAFETY: `node` is a live node of the list; read its successor before `f` runs.
            let following = unsafe { self.step(&*node).get() };
            // SAFETY: every node except the head belongs to a container.
            f(unsafe { crate::header::obj_of_links(node) });
            node = following;
        }
    }

    /// Files `node` in `list` so that objects filed in walk order keep their order in the
    /// generation list (oldest first).
    ///
    /// # Safety
    /// As for [`list::append`].
    #[inline(always)]
    pub(crate) unsafe fn file(self, node: *const Links, list: &Links) {
        // SAFETY: forwarded contract.
        unsafe {
            match self {
                Walk::YoungestFirst => list::prepend(node, list),
                Walk::OldestFirst => list::append(node, list),
            }
        }
    }
}
