//! Which generation a tracked container belongs to: its header carries a list id
//! (`object::header::ID_MASK`), and this table maps ids to generations, so that a
//! collection merges generations without writing to any of their members.
//!
//! Ids are ordered by age, the oldest lowest:
//!
//! ```text
//!   0            [OLDEST, middle)    [middle, young)    young
//!   permanent    generation 2        generation 1       generation 0
//! ```
//!
//! A collection of generation `g` merges generations `0..=g` into the next one (into 2 for
//! a full one): always a run of ids that ends with the youngest, next to the range of the
//! generation it joins. So the merge moves a bound: generation 0's id now belongs to the
//! generation it joined, and generation 0 takes the next id (`merged`). The set a
//! collection of `g` examines is every tracked container with an id at least `g`'s
//! lowest: one compare of the header word per child (`header::in_collected_set`).
//!
//! Each collection takes one id. When generation 0's id would pass the limit, the heap's
//! members are retagged with the lowest three ids first (`make_room`, one walk of every
//! generation per ~65,000 collections). `freeze` tags every member with id 0 and empties
//! the generations, so the ids start again; `unfreeze` tags them with [`OLDEST`].

use std::cell::Cell;

use crate::heap::HeapState;
use crate::object::header::{retag_list, ID_MASK, ID_SHIFT, TRACKED};

/// The permanent generation's id (`gc.freeze`).
pub(crate) const PERMANENT: usize = 0;
/// The lowest id of generation 2, which it never loses.
pub(crate) const OLDEST: usize = 1 << ID_SHIFT;
/// One step of an id (ids are kept shifted into their place in the header word).
const STEP: usize = 1 << ID_SHIFT;

/// The bounds between the generations' ids (shifted into the header word's id field).
pub(crate) struct GenIds {
    /// Generation 0's id: every container tracked now takes it.
    young: Cell<usize>,
    /// Generation 1's lowest id (generation 1 is `[middle, young)`, empty if equal).
    middle: Cell<usize>,
    /// The highest id generation 0 may take; `ID_MASK` but for tests.
    limit: Cell<usize>,
}

impl GenIds {
    /// Empty generations, ids starting at the lowest.
    pub(crate) fn new() -> GenIds {
        GenIds {
            young: Cell::new(GenIds::first_id(0)),
            middle: Cell::new(GenIds::first_id(1)),
            limit: Cell::new(ID_MASK),
        }
    }

    /// Generation 0's id, for the header word of a container being tracked.
    #[inline(always)]
    pub(crate) fn young(&self) -> usize {
        self.young.get()
    }

    /// The bound of [`in_collected_set`](crate::object::header::in_collected_set) for a
    /// collection of `generation`: TRACKED with its lowest id.
    #[inline]
    pub(crate) fn bound(&self, generation: usize) -> usize {
        TRACKED
            | match generation {
                0 => self.young.get(),
                1 => self.middle.get(),
                _ => OLDEST,
            }
    }

    /// The generation (3: the permanent one) of a tracked container's header word.
    #[inline]
    pub(crate) fn generation_of(&self, word: usize) -> usize {
        let id = word & ID_MASK;
        if id >= self.young.get() {
            0
        } else if id >= self.middle.get() {
            1
        } else if id >= OLDEST {
            2
        } else {
            3
        }
    }

    /// The id of `generation`'s members after [`GenIds::restart`] (for the retag of
    /// `make_room` and `unfreeze`).
    pub(crate) fn first_id(generation: usize) -> usize {
        OLDEST + (2 - generation.min(2)) * STEP
    }

    /// Generations `0..=generation` were merged into the next one (into 2 for a full
    /// collection): their ids now map to it, and generation 0 takes a fresh id. The caller
    /// made room first ([`make_room`]).
    pub(crate) fn merged(&self, generation: usize) {
        let next = self.young.get() + STEP;
        debug_assert!(next <= self.limit.get(), "pymm: no room made for a merge");
        self.young.set(next);
        if generation > 0 {
            self.middle.set(next);
        }
    }

    /// Whether the next merge has an id to take.
    #[inline]
    fn has_room(&self) -> bool {
        self.young.get() < self.limit.get()
    }

    /// Ids start again: every member of generation `g` is tagged [`GenIds::first_id`]`(g)`.
    pub(crate) fn restart(&self) {
        self.young.set(GenIds::first_id(0));
        self.middle.set(GenIds::first_id(1));
    }

    /// Lowers the highest id generation 0 may take to `ids` ids above the first three (for
    /// tests of [`make_room`]).
    pub(crate) fn set_limit(&self, ids: usize) {
        let highest = GenIds::first_id(0) + ids.min(ID_MASK >> ID_SHIFT) * STEP;
        self.limit.set(highest.min(ID_MASK));
    }
}

/// Before a collection: if no id is left for its merge, every generation's members are
/// retagged with the lowest ids and the ids start again. Lists are well formed (no
/// collection is running).
pub(crate) fn make_room(state: &HeapState) {
    if !state.ids.has_room() {
        for (generation, gen) in state.gens.iter().enumerate() {
            retag_list(&gen.head, GenIds::first_id(generation));
            retag_list(&gen.suspects, GenIds::first_id(generation));
        }
        state.ids.restart();
    }
}
