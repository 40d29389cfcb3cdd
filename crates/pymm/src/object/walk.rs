//! Which way a collection walks its set, and what that decides about the links.
//!
//! `move_unreachable` costs least when parents are scanned before their children: a child
//! found reachable before the walk reaches it is never moved out (and back). An object can
//! only be built from objects that exist already, so parents built after their children
//! (a chain built from its tail, a tree built bottom-up) favour walking from the youngest
//! object; objects filled after they were made (a list appended to, roots made first and
//! linked to later objects) favour CPython's oldest-first walk. Each generation keeps the
//! direction that worked last ([`WalkChoice`]).
//!
//! During a collection the walk follows one link ([`Walk::step`]) and the other one
//! ([`Walk::back`]) holds the scratch count `gc_refs` of the members flagged COLLECTING.

use std::cell::Cell;

use crate::object::header::Links;
use crate::object::list;

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
    pub(crate) fn for_each(self, head: &Links, mut f: impl FnMut(crate::object::header::Obj)) {
        let mut node = self.step(head).get();
        while !std::ptr::eq(node, head) {
            // SAFETY: `node` is a live node of the list; read its successor before `f` runs.
            let following = unsafe { self.step(&*node).get() };
            // SAFETY: every node except the head belongs to a container.
            f(unsafe { crate::object::header::obj_of_links(node) });
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

/// The walk a generation's next collection takes, and what the other one cost when it was
/// last taken.
///
/// A walk that moves out and brings back more than 1/64 of its survivors is against the
/// way the objects were linked, and the other direction is tried next time, unless the
/// other one did worse when it was last taken: in a graph with links in random
/// directions both walks bring back many objects, and flipping at every collection only
/// costs (each object brought back moves away from its neighbours in the list, so the
/// other direction then finds the list shuffled). The memory of the other direction's cost
/// halves at each collection that keeps this one over the bar, so a heap whose shape
/// changed gets the other direction again. Both directions are equally correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WalkChoice {
    /// The direction of the next walk.
    pub(crate) walk: Walk,
    /// Objects brought back per [`COST_SCALE`] survivors by the other direction, the last
    /// time it was taken (halved since at each collection that stayed over the bar).
    other_cost: usize,
}

/// The fixed-point unit of walk costs: objects brought back per this many survivors.
const COST_SCALE: usize = 1 << 16;

/// The cost above which the other direction is worth trying: 1/64 of the survivors.
const COST_BAR: usize = COST_SCALE / 64;

impl WalkChoice {
    /// The first choice: youngest first, the other direction not tried yet.
    pub(crate) const fn new() -> WalkChoice {
        WalkChoice {
            walk: Walk::YoungestFirst,
            other_cost: 0,
        }
    }

    /// The choice for the next collection, after a walk in `self.walk` that brought back
    /// `brought_back` objects and kept `reachable`.
    pub(crate) fn after(self, brought_back: usize, reachable: usize) -> WalkChoice {
        let cost = brought_back.saturating_mul(COST_SCALE) / reachable.max(1);
        if cost <= COST_BAR {
            self
        } else if cost > self.other_cost {
            WalkChoice {
                walk: self.walk.flipped(),
                other_cost: cost,
            }
        } else {
            WalkChoice {
                walk: self.walk,
                other_cost: self.other_cost / 2,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cheap_walk_keeps_its_direction() {
        let first = WalkChoice::new();
        assert_eq!(first.after(1, 1000), first);
        assert_eq!(first.after(0, 0), first);
    }

    #[test]
    fn a_costly_walk_tries_the_other_direction_and_remembers_its_cost() {
        let next = WalkChoice::new().after(500, 1000);
        assert_eq!(next.walk, Walk::OldestFirst);
        assert_eq!(next.other_cost, COST_SCALE / 2);
    }

    #[test]
    fn a_walk_cheaper_than_the_other_one_was_stays_until_that_memory_fades() {
        // Youngest first brought back half, oldest first now a quarter: oldest stays.
        let oldest = WalkChoice::new().after(500, 1000);
        let stay = oldest.after(250, 1000);
        assert_eq!(stay.walk, Walk::OldestFirst);
        assert_eq!(stay.other_cost, COST_SCALE / 4);
        // Still a quarter, no more than the memory (halved to a quarter): it stays and the
        // memory halves again; then the walk costs more than remembered: youngest first.
        let stay = stay.after(250, 1000);
        assert_eq!(
            (stay.walk, stay.other_cost),
            (Walk::OldestFirst, COST_SCALE / 8)
        );
        let flip = stay.after(250, 1000);
        assert_eq!(flip.walk, Walk::YoungestFirst);
        assert_eq!(flip.other_cost, COST_SCALE / 4);
    }
}
