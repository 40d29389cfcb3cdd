//! The inline caches of a code object (PEP 659): one slot per instruction, which the VM fills
//! with what an attribute instruction found at that place and reads back the next time it
//! runs there (`vm/inline_cache.rs` gives the words their meaning and says when they hold).
//!
//! The slots are made the first time an instruction of a function body stores one, so code
//! that never runs an attribute instruction (or runs once: module and class bodies never
//! store) costs one empty word.

use std::cell::{Cell, OnceCell};

/// What one instruction cached: plain words, meaningful to the VM only.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct CacheSlot {
    /// The version of the state the entry describes (0: empty).
    pub version: u64,
    /// The address of the object it was stored for (the receiver's class).
    pub class: usize,
    /// The address of what was found, if anything.
    pub found: usize,
    /// What kind of entry it is.
    pub kind: u16,
    /// How many times the entry was stored anew after a miss.
    pub misses: u16,
    /// An index (of an instance's value), or a count the entry relies on.
    pub index: u32,
}

/// The inline cache slots of one code object.
#[derive(Default)]
pub struct InlineCaches {
    slots: OnceCell<Box<[Cell<CacheSlot>]>>,
}

impl InlineCaches {
    /// What the instruction at `at` cached, if anything.
    ///
    /// ```
    /// use pymm_python::compile::cache::{CacheSlot, InlineCaches};
    /// let caches = InlineCaches::default();
    /// assert_eq!(caches.get(3), None);
    /// let slot = CacheSlot { version: 7, ..CacheSlot::default() };
    /// caches.put(3, 10, slot);
    /// assert_eq!(caches.get(3), Some(slot));
    /// ```
    #[inline]
    pub fn get(&self, at: usize) -> Option<CacheSlot> {
        let slot = self.slots.get()?.get(at)?.get();
        (slot.version != 0).then_some(slot)
    }

    /// Stores what the instruction at `at` of a code of `len` instructions found.
    pub fn put(&self, at: usize, len: usize, slot: CacheSlot) {
        let slots = self
            .slots
            .get_or_init(|| (0..len).map(|_| Cell::new(CacheSlot::default())).collect());
        if let Some(cell) = slots.get(at) {
            cell.set(slot);
        }
    }
}
