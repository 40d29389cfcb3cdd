//! A consistency check of a heap's lists and headers (CPython's `validate_list`), run before
//! and after every collection in stress mode (the lists it works on), and callable by a runtime's own tests.

use crate::heap::state::Generation;
use crate::heap::{Heap, HeapState};
use crate::object::header::{
    count_of, header, links, vtable_of, Links, COLLECTING, CONTAINER, ID_MASK, REACHED, TORN_DOWN,
    TRACKED, UNREACHABLE,
};

impl Heap {
    /// Checks the invariants of every collector list while no collection runs: each list is
    /// a well formed ring (every `next` is matched by the following node's `prev`), each
    /// member a tracked container with a strong count, tagged with its list's generation,
    /// carrying no flag of a collection (scratch marks) and not torn down. Returns a
    /// description of the first broken invariant.
    ///
    /// Stress mode ([`Config::stress`](crate::Config::stress)) runs it before and after
    /// every collection and panics if it fails.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// use std::cell::RefCell;
    /// let heap = Heap::new();
    /// let a = heap.alloc(RefCell::new(Vec::<Gc<u8>>::new()));
    /// heap.collect(0);
    /// assert_eq!(heap.validate(), Ok(()));
    /// # drop(a);
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        let state = self.state();
        if state.collecting.get() {
            return Ok(()); // lists hold scratch values mid-collection
        }
        validate_state(state)
    }
}

/// The stress mode's check at the start and at the end of a collection of `generation`: the
/// lists that collection works on (generations `0..=generation`; every list for a full
/// collection), so that the check costs what the collection costs and a stress run stays
/// linear in the work done.
pub(crate) fn validate_in_stress_mode(state: &HeapState, generation: usize, when: &str) {
    if !state.stress.get() {
        return;
    }
    let checked = state.gens[..=generation]
        .iter()
        .enumerate()
        .try_for_each(|(gen, g)| validate_gen(state, g, gen));
    let checked = match checked {
        Ok(()) if generation == 2 => validate_state(state),
        other => other,
    };
    if let Err(problem) = checked {
        panic!("pymm: heap inconsistent {when} a collection: {problem}");
    }
}

/// Every list of the heap (see [`Heap::validate`]).
fn validate_state(state: &HeapState) -> Result<(), String> {
    for (gen, g) in state.gens.iter().enumerate() {
        validate_gen(state, g, gen)?;
    }
    validate_list(state, &state.permanent, 3).map_err(|e| format!("permanent generation: {e}"))
}

/// Checks both lists of generation `gen`.
fn validate_gen(state: &HeapState, g: &Generation, gen: usize) -> Result<(), String> {
    validate_list(state, &g.head, gen).map_err(|e| format!("generation {gen}: {e}"))?;
    validate_list(state, &g.suspects, gen).map_err(|e| format!("generation {gen}'s suspects: {e}"))
}

/// Checks one list (see [`Heap::validate`]); `gen` is the generation (3: the permanent
/// one) its members' list ids must map to.
fn validate_list(state: &HeapState, head: &Links, gen: usize) -> Result<(), String> {
    const SCRATCH: usize = COLLECTING | UNREACHABLE | REACHED | TORN_DOWN;
    let mut behind: *const Links = head;
    let mut node = head.next.get();
    let mut index = 0usize;
    while !std::ptr::eq(node, head) {
        if node.is_null() {
            return Err(format!("member {index}: null next link"));
        }
        // SAFETY: `node` is a member of a list (checked non-null; a well formed list only
        // holds live containers' links).
        let prev = unsafe { (*node).prev.get() };
        if !std::ptr::eq(prev, behind) {
            return Err(format!("member {index}: prev link does not point back"));
        }
        // SAFETY: as above.
        let obj = unsafe { crate::object::header::obj_of_links(node) };
        // SAFETY: as above.
        let h = unsafe { header(obj) };
        let word = h.word.get();
        // SAFETY: as above.
        let name = (unsafe { vtable_of(obj) }.type_name)();
        if word & (CONTAINER | TRACKED) != CONTAINER | TRACKED {
            return Err(format!(
                "member {index} (`{name}`): not a tracked container"
            ));
        }
        if word & SCRATCH != 0 {
            return Err(format!(
                "member {index} (`{name}`): carries a collection's flags"
            ));
        }
        // Generation 0's members all carry its one id (none a stale, higher one).
        let young_id = gen != 0 || word & ID_MASK == state.ids.young();
        if state.ids.generation_of(word) != gen || !young_id {
            return Err(format!(
                "member {index} (`{name}`): its list id is another generation's"
            ));
        }
        if count_of(h) == 0 {
            return Err(format!("member {index} (`{name}`): strong count zero"));
        }
        // SAFETY: a tracked container has links; reading them checks they are in bounds.
        let _ = unsafe { links(obj) };
        behind = node;
        // SAFETY: as above.
        node = unsafe { (*node).next.get() };
        index += 1;
    }
    if !std::ptr::eq(head.prev.get(), behind) {
        return Err("the head's prev link is not the last member".to_string());
    }
    Ok(())
}
