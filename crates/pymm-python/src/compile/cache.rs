//! The inline caches of a code object (PEP 659): one slot per instruction, which the VM fills
//! with what an attribute instruction found at that place and reads back the next time it
//! runs there (`vm/inline_cache.rs` gives the words their meaning and says when they hold).
//!
//! The slots are made the first time an instruction of a function body stores one, so code
//! that never runs an attribute instruction (or runs once: module and class bodies never
//! store) costs one empty word. An instruction that sees receivers of a few classes (a
//! polymorphic site) keeps several entries, in a group of [`POLY_WAYS`] slots made for it
//! alone; its own slot then says which group is its.

use std::cell::{Cell, OnceCell, RefCell};

/// How many entries a polymorphic site keeps.
pub const POLY_WAYS: usize = 4;

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
    /// The entry groups of polymorphic sites, each with the instruction it belongs to.
    groups: RefCell<Vec<(usize, [CacheSlot; POLY_WAYS])>>,
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

    /// The number of the entry group of the instruction at `at`, made (empty) on first use;
    /// an instruction keeps its group for good, so that a site that changes between one
    /// entry and several does not make new ones.
    ///
    /// ```
    /// use pymm_python::compile::cache::{CacheSlot, InlineCaches, POLY_WAYS};
    /// let caches = InlineCaches::default();
    /// let group = caches.group_of(5);
    /// assert_eq!(caches.group_of(5), group);
    /// let slot = CacheSlot { version: 7, ..CacheSlot::default() };
    /// caches.put_in_group(group, 1, slot);
    /// assert_eq!(caches.way(group, 1), Some(slot));
    /// assert_eq!(caches.way(group, 0), None);
    /// assert_eq!(caches.way(group, POLY_WAYS), None);
    /// ```
    pub fn group_of(&self, at: usize) -> u32 {
        let mut groups = self.groups.borrow_mut();
        let position = groups.iter().position(|(site, _)| *site == at);
        let number = position.unwrap_or_else(|| {
            groups.push((at, [CacheSlot::default(); POLY_WAYS]));
            groups.len() - 1
        });
        number as u32
    }

    /// Way `way` of group `group`, unless it is empty (one way copied, not the group: a
    /// polymorphic site reads its ways until one fits the receiver).
    #[inline]
    pub fn way(&self, group: u32, way: usize) -> Option<CacheSlot> {
        let groups = self.groups.borrow();
        let slot = *groups.get(group as usize)?.1.get(way)?;
        (slot.version != 0).then_some(slot)
    }

    /// The first way of group `group` stored under `version` for the class at `class`, read
    /// under one borrow of the groups (a polymorphic site's quick step: [`InlineCaches::way`]
    /// one way at a time borrowed and copied each).
    ///
    /// ```
    /// use pymm_python::compile::cache::{CacheSlot, InlineCaches};
    /// let caches = InlineCaches::default();
    /// let group = caches.group_of(2);
    /// let slot = CacheSlot { version: 7, class: 40, kind: 1, ..CacheSlot::default() };
    /// caches.put_in_group(group, 3, slot);
    /// assert_eq!(caches.find_way(group, 7, 40), Some(slot));
    /// assert_eq!(caches.find_way(group, 8, 40), None);
    /// assert_eq!(caches.find_way(group, 7, 41), None);
    /// ```
    #[inline]
    pub fn find_way(&self, group: u32, version: u64, class: usize) -> Option<CacheSlot> {
        let groups = self.groups.borrow();
        let ways = &groups.get(group as usize)?.1;
        ways.iter()
            .find(|way| way.version == version && way.class == class)
            .copied()
    }

    /// Stores `slot` as entry `way` of group `group`.
    pub fn put_in_group(&self, group: u32, way: usize, slot: CacheSlot) {
        let mut groups = self.groups.borrow_mut();
        if let Some(entry) = groups
            .get_mut(group as usize)
            .and_then(|(_, entries)| entries.get_mut(way))
        {
            *entry = slot;
        }
    }
}
