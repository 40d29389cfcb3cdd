//! What a collection does with each child it is shown (CPython's `visit_decref` and
//! `visit_reachable`), on the scratch counts kept in the links (see `reach` and `walk`).

use crate::collector::reach::unmark_unreachable;
use crate::object::header::{
    header, in_collected_set, links, links_ptr, vtable_with, Links, Obj, COLLECTING, REACHED,
    UNREACHABLE,
};
use crate::object::list;
use crate::object::walk::Walk;

/// `visit_decref` with `update_refs` folded in: a reference from inside the collected set
/// explains one count. `handles` is the number of handles to `child` shown in a row.
///
/// The same subtraction serves a member the walk of `reach::subtract_refs` has reached
/// already (its back link holds `gc_refs`) and one it has not (its back link still points
/// at its neighbour, and the walk turns the address taken off into references when it
/// gets there): no branch on which of the two it is. That depends on the graph's shape, not
/// on a pattern the CPU can predict, and the header read to decide has often just missed
/// the cache. The strong count itself is never changed.
#[inline(always)]
pub(crate) fn subtract_in_set(child: Obj, handles: usize, bound: usize, walk: Walk) {
    // SAFETY: a handle being traced keeps its object allocated.
    let word = unsafe { header(child) }.word.get();
    if in_collected_set(word, bound) {
        // SAFETY: members of the collected set are tracked, hence containers.
        walk.take_refs(unsafe { links(child) }, handles);
    }
}

/// `visit_decref` of the resurrection check: members are flagged COLLECTING already.
#[inline(always)]
pub(crate) fn subtract_collecting(child: Obj, walk: Walk) {
    // SAFETY: a handle being traced keeps its object allocated.
    let h = unsafe { header(child) };
    if h.word.get() & COLLECTING != 0 {
        // SAFETY: COLLECTING is only ever set on containers.
        let l = unsafe { links(child) };
        walk.take_refs(l, 1);
    }
}

/// REACHED if `word` is flagged COLLECTING, else 0 (a shift, not a branch).
#[inline(always)]
fn reached_if_collecting(word: usize) -> usize {
    const SHIFT: u32 = COLLECTING.trailing_zeros() - REACHED.trailing_zeros();
    (word & COLLECTING) >> SHIFT
}

/// The state of `move_unreachable`'s `visit_reachable`: where objects brought back from the
/// unreachable list go, and how many were.
pub(crate) struct Reach {
    /// The object being scanned, or the last one brought back: the next one brought back
    /// goes right after it in walk order, so that it is scanned next (the objects brought
    /// back by one scan keep their order, and are scanned while their neighbours are
    /// still in cache).
    pub(crate) cursor: *const Links,
    pub(crate) walk: Walk,
    /// Objects moved out and brought back in this walk: the cost of its direction.
    pub(crate) brought_back: usize,
}

impl Reach {
    /// A reach pass walking `walk`, starting at `head`.
    pub(crate) fn new(head: &Links, walk: Walk) -> Reach {
        Reach {
            cursor: head,
            walk,
            brought_back: 0,
        }
    }

    /// `visit_reachable`: the child of a reachable object is reachable.
    #[inline(always)]
    pub(crate) fn visit(&mut self, child: Obj) {
        // SAFETY: a handle being traced keeps its object allocated.
        let h = unsafe { header(child) };
        let word = h.word.get();
        if word & (COLLECTING | UNREACHABLE) == COLLECTING | UNREACHABLE {
            // Tentatively unreachable after all: back to `young`, to be scanned there.
            // SAFETY: COLLECTING is only ever set on containers; members of the unreachable
            // list have real links; the cursor is a member of `young` (or its head), whose
            // step links are real.
            unsafe { self.bring_back(links_ptr(child)) };
            // SAFETY: `word` is the live container's header word.
            let vtable = unsafe { vtable_with(child, word) };
            h.word.set(unmark_unreachable(word, vtable) | REACHED);
        } else {
            // A member not scanned yet is reachable: flagged REACHED (in the header, which
            // was just read: its scratch count may sit in another cache line). Others (not
            // in the set, or scanned already: not COLLECTING) keep their word: written back
            // unchanged, without a branch on a word that has often just missed the cache.
            h.word.set(word | reached_if_collecting(word));
        }
    }

    /// Unlinks `node` from the unreachable list and inserts it in `young` right after the
    /// cursor in walk order, which it then becomes.
    ///
    /// # Safety
    /// `node` is in the (doubly linked) unreachable list; the cursor is in `young`.
    #[inline(always)]
    unsafe fn bring_back(&mut self, node: *const Links) {
        let walk = self.walk;
        // SAFETY: forwarded contract. The back links of `young` hold scratch counts: only
        // step links are written there.
        unsafe {
            list::remove(node);
            walk.step(&*node).set(walk.step(&*self.cursor).get());
            walk.step(&*self.cursor).set(node);
        }
        self.cursor = node;
        self.brought_back += 1;
    }
}
