//! The resurrection check: CPython's `deduce_unreachable` run on the unreachable set after
//! finalizers ran (PEP 442). Counts are left intact (scratch counts, see `reach`), so it is
//! exact whatever user code did meanwhile.
//!
//! 1. `update_refs`: every object of the set is flagged COLLECTING and its back link holds
//!    `gc_refs` = its strong count. The back links of the set are invalid from here until
//!    `move_unreachable` ends; no user code runs in between.
//! 2. `reach::subtract_refs_flagged`, then 3. `reach::move_unreachable`: what stays in the
//!    set is reachable from outside it (flags cleared, back links restored; its list id
//!    is the generation's it goes to already), the rest moves to `unreachable` (flags cleared by
//!    `reach::clear_marks`).

use crate::collector::reach::{clear_marks, move_unreachable, subtract_refs_flagged, Sorting};
use crate::heap::HeapState;
use crate::object::header::{header, links, Links, COLLECTING, COUNT_MASK};
use crate::object::walk::Walk;

/// The resurrection check's direction (its set is the garbage of one collection, in the
/// order of the generation list).
const WALK: Walk = Walk::YoungestFirst;

/// Steps 1-3 on `set`: what stays in `set` is reachable from outside it, the rest moves to
/// `unreachable`. Both lists end well formed, with
/// their collector flags cleared.
pub(crate) fn recheck_unreachable(state: &HeapState, set: &Links, unreachable: &Links) {
    update_refs(set);
    subtract_refs_flagged(state, set, WALK);
    let sorting = Sorting {
        state,
        unreachable,
        mark: false,
        walk: WALK,
    };
    move_unreachable(set, &sorting);
    clear_marks(unreachable);
}

/// Step 1: `gc_refs` = strong count, COLLECTING set.
fn update_refs(set: &Links) {
    WALK.for_each(set, |obj| {
        // SAFETY: list members are live containers.
        let (h, l) = unsafe { (header(obj), links(obj)) };
        let word = h.word.get();
        WALK.set_refs(l, word & COUNT_MASK);
        h.word.set(word | COLLECTING);
    });
}
