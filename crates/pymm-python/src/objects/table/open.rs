//! A set's table: CPython 3.11's open addressing (`Objects/setobject.c`).
//!
//! Slots of (hash, key), at least 8 (`PySet_MINSIZE`). A key's probe sequence visits up to
//! 9 neighbouring slots (`LINEAR_PROBES`), then jumps (`i = (i * 5 + 1 + perturb) & mask`,
//! `perturb` shifted right by 5). A deleted key leaves a dummy that lookups pass over and
//! insertions reuse; the table is rebuilt for four times the live keys (twice past 50000)
//! when used and dummy slots reach 60%. Iteration walks the slots, so a set iterates, prints
//! and pops in CPython's order.
//!
//! Invariants (kind `Set`), relied on by the `unsafe` blocks below: while `buffer` is `Some`,
//! it was allocated with `layout(log2_size)` and its `1 << log2_size` slots are initialised;
//! `fill` counts live and dummy slots, `used` live ones, and `fill * 5 < mask * 3` after
//! every insertion, so every probe meets an empty slot. Without a buffer the table acts as 8
//! empty slots (CPython's empty `smalltable`).

use std::alloc::Layout;

use super::buffer::Buffer;
use super::{Entry, EntryRef, Kind, Table};
use crate::objects::PyRef;

/// Neighbouring slots probed before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// Smallest table: 8 slots (`PySet_MINSIZE`).
const LOG2_MIN_SIZE: u8 = 3;
/// The hash a dummy slot keeps (CPython's dummy entries have hash -1, never a Python hash).
const DUMMY_HASH: i64 = -1;

/// One slot: a live key with its hash, or empty (no key, hash 0), or a dummy (no key, hash
/// -1).
pub(super) struct Slot {
    hash: i64,
    key: Option<PyRef>,
}

// Key and hash: the 16 bytes of CPython's `setentry`.
const _: () = assert!(std::mem::size_of::<Slot>() == 16);

impl Slot {
    const EMPTY: Slot = Slot { hash: 0, key: None };

    fn is_empty(&self) -> bool {
        self.key.is_none() && self.hash != DUMMY_HASH
    }

    fn is_dummy(&self) -> bool {
        self.key.is_none() && self.hash == DUMMY_HASH
    }
}

/// The block of a table of `1 << log2` slots.
pub(super) fn layout(log2: u8) -> Layout {
    Layout::array::<Slot>(1usize << log2)
        .unwrap_or_else(|_| panic!("a set of 2**{log2} slots does not fit in memory"))
}

/// The live entry in `slot`, if any (a set's entry has no value: the key stands for it).
pub(super) fn entry_ref(slot: &Slot) -> Option<EntryRef<'_>> {
    slot.key.as_ref().map(|key| EntryRef {
        hash: slot.hash,
        key,
        value: key,
    })
}

/// Takes the live key out of `slot` (leaving a dummy), as an entry.
pub(super) fn take(slot: &mut Slot) -> Option<Entry> {
    let key = slot.key.take()?;
    let hash = std::mem::replace(&mut slot.hash, DUMMY_HASH);
    Some(Entry {
        hash,
        key: key.clone(),
        value: key,
    })
}

/// The size CPython asks for when a set grows or purges: four times the keys in use, twice
/// past 50000.
fn growth_target(used: usize) -> usize {
    if used > 50000 {
        used * 2
    } else {
        used * 4
    }
}

/// Walks `hash`'s probe sequence in a table of `mask + 1` slots until `visit(slot)` returns
/// true (`set_add_entry`'s loop).
fn probe_until(hash: i64, mask: usize, mut visit: impl FnMut(usize) -> bool) {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in i..=i + probes {
            if visit(j) {
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
    }
}

impl Table {
    /// The slots (none without a buffer).
    pub(super) fn slots(&self) -> &[Slot] {
        match &self.buffer {
            Some(buffer) if self.kind == Kind::Set => {
                // SAFETY: `size()` initialised slots (module invariants), borrowed with self.
                unsafe {
                    std::slice::from_raw_parts(buffer.start().cast::<Slot>().as_ptr(), self.size())
                }
            }
            _ => &[],
        }
    }

    /// The slots, mutable.
    pub(super) fn slots_mut(&mut self) -> &mut [Slot] {
        let size = self.size();
        match &mut self.buffer {
            Some(buffer) if self.kind == Kind::Set => {
                // SAFETY: as in `slots`, borrowed mutably with self.
                unsafe {
                    std::slice::from_raw_parts_mut(buffer.start().cast::<Slot>().as_ptr(), size)
                }
            }
            _ => &mut [],
        }
    }

    /// Slots of the table (8 while it has no buffer).
    fn set_capacity(&self) -> usize {
        self.size().max(1 << LOG2_MIN_SIZE)
    }

    /// Calls `visit(slot, key)` for the live keys with this hash on its probe sequence, until
    /// it returns true or the sequence meets an empty slot.
    pub(super) fn set_probe_hash(&self, hash: i64, mut visit: impl FnMut(usize, &PyRef) -> bool) {
        let slots = self.slots();
        if slots.is_empty() {
            return;
        }
        probe_until(hash, slots.len() - 1, |i| {
            let slot = &slots[i];
            match &slot.key {
                None => slot.is_empty(),
                Some(key) => slot.hash == hash && visit(i, key),
            }
        });
    }

    /// Gives an empty set its first 8 slots.
    fn set_ensure_buffer(&mut self) {
        if self.buffer.is_none() {
            self.set_allocate(LOG2_MIN_SIZE);
        }
    }

    /// Replaces the (absent or emptied) buffer by `1 << log2` empty slots.
    fn set_allocate(&mut self, log2: u8) {
        let buffer = Buffer::alloc(layout(log2));
        let slots = buffer.start().cast::<Slot>().as_ptr();
        for i in 0..1usize << log2 {
            // SAFETY: slot `i` is inside the new block and aligned (`layout`); writing does
            // not read the uninitialised memory.
            unsafe { slots.add(i).write(Slot::EMPTY) };
        }
        debug_assert!(self.buffer.is_none());
        self.buffer = Some(buffer);
        self.log2_size = log2;
    }

    /// Adds a key known to be absent (`set_add_entry` on a miss): into the last dummy slot
    /// met on its probe sequence, else the empty slot that ends it; then grows at 60% fill.
    pub(super) fn set_insert(&mut self, hash: i64, key: PyRef) {
        self.set_ensure_buffer();
        let slots = self.slots();
        let mut dummy = None;
        let mut empty = 0;
        probe_until(hash, slots.len() - 1, |i| {
            if slots[i].is_dummy() {
                dummy = Some(i);
            }
            empty = i;
            slots[i].is_empty()
        });
        let reused = dummy.is_some();
        let slot = dummy.unwrap_or(empty);
        self.slots_mut()[slot] = Slot {
            hash,
            key: Some(key),
        };
        self.used += 1;
        if reused {
            return;
        }
        self.fill += 1;
        let mask = self.set_capacity() - 1;
        if self.fill as usize * 5 >= mask * 3 {
            self.set_resize(growth_target(self.used as usize));
        }
    }

    /// Puts a key into the first empty slot on its probe sequence (`set_insert_clean`: the
    /// table has no dummy and does not hold the key).
    fn set_insert_clean(&mut self, hash: i64, key: PyRef) {
        let slots = self.slots();
        let mut empty = 0;
        probe_until(hash, slots.len() - 1, |i| {
            empty = i;
            slots[i].is_empty()
        });
        self.slots_mut()[empty] = Slot {
            hash,
            key: Some(key),
        };
    }

    /// Rebuilds the table with more than `minused` slots, reinserting the live keys in slot
    /// order (`set_table_resize`); dummies go.
    pub(super) fn set_resize(&mut self, minused: usize) {
        let mut log2 = LOG2_MIN_SIZE;
        while (1usize << log2) <= minused {
            log2 += 1;
        }
        let old_log2 = self.log2_size;
        let old = self.buffer.take();
        let old_size = if old.is_some() { 1usize << old_log2 } else { 0 };
        self.set_allocate(log2);
        if let Some(old) = old {
            let slots = old.start().cast::<Slot>().as_ptr();
            for i in 0..old_size {
                // SAFETY: the old buffer's slots are initialised (invariants) and each is
                // read out once; the buffer is no longer reachable from `self`.
                let slot = unsafe { slots.add(i).read() };
                if let Some(key) = slot.key {
                    self.set_insert_clean(slot.hash, key);
                }
            }
            // SAFETY: allocated with this layout; every slot was moved out.
            unsafe { old.free(layout(old_log2)) };
        }
        self.fill = self.used;
    }

    /// Deletes the key in `slot`, leaving a dummy.
    pub(super) fn set_remove(&mut self, slot: usize) -> Option<Entry> {
        let entry = take(self.slots_mut().get_mut(slot)?)?;
        self.used -= 1;
        Some(entry)
    }

    /// `set.pop()` (`set_pop`): deletes the first live key from the finger on, wrapping
    /// around, and moves the finger past it.
    pub fn pop_set_entry(&mut self) -> Option<Entry> {
        if self.kind != Kind::Set || self.used == 0 {
            return None;
        }
        let size = self.size();
        let start = self.spare as usize & (size - 1);
        let slot = (start..size)
            .chain(0..start)
            .find(|&i| self.slots()[i].key.is_some())?;
        self.spare = (slot + 1) as u32;
        self.set_remove(slot)
    }

    /// True for a set that never held a key since it was made or cleared (CPython's
    /// `fill == 0`): keys merged into it need no equality checks.
    pub fn is_pristine_set(&self) -> bool {
        self.kind == Kind::Set && self.fill == 0
    }

    /// Before merging `incoming` keys, grows a set as CPython's `set_merge` does.
    pub fn reserve_for_merge(&mut self, incoming: usize) {
        if self.kind != Kind::Set {
            return;
        }
        let mask = self.set_capacity() - 1;
        if (self.fill as usize + incoming) * 5 >= mask * 3 {
            self.set_resize((self.used as usize + incoming) * 2);
        }
    }

    /// Copies the keys of the set `src` into this pristine set as `set_merge` does: one
    /// resize first; then slot for slot when both tables have the same size and `src` has
    /// no dummies, else a clean insertion in `src`'s slot order.
    pub fn copy_set_from(&mut self, src: &Table) {
        if self.kind != Kind::Set || src.kind != Kind::Set || src.used == 0 {
            return;
        }
        self.reserve_for_merge(src.used as usize);
        self.set_ensure_buffer();
        let same_layout = self.size() == src.size() && src.fill == src.used;
        for (i, slot) in src.slots().iter().enumerate() {
            let Some(key) = &slot.key else {
                continue;
            };
            if same_layout {
                self.slots_mut()[i] = Slot {
                    hash: slot.hash,
                    key: Some(key.clone()),
                };
            } else {
                self.set_insert_clean(slot.hash, key.clone());
            }
        }
        self.used = src.used;
        self.fill = src.used;
    }

    /// After a set's bulk removals: drops the dummies when they are more than a quarter of
    /// the table, as CPython's `difference_update` does.
    pub fn purge_if_mostly_deleted(&mut self) {
        if self.kind != Kind::Set || self.buffer.is_none() {
            return;
        }
        if (self.fill - self.used) as usize > (self.size() - 1) / 4 {
            self.set_resize(growth_target(self.used as usize));
        }
    }

    /// Takes over the contents of `other` (`set_swap_bodies` for `&=`), keeping this set's
    /// `pop` finger. Returns the old contents (drop them after the borrow ends).
    pub fn replace_set_contents(&mut self, mut other: Table) -> Table {
        if self.kind == Kind::Set {
            other.spare = self.spare;
        }
        std::mem::replace(self, other)
    }

    /// Drops the keys in slot order and frees the slots.
    pub(super) fn set_free(&mut self) {
        let Some(buffer) = self.buffer.take() else {
            return;
        };
        let slots = buffer.start().cast::<Slot>().as_ptr();
        for i in 0..1usize << self.log2_size {
            // SAFETY: every slot is initialised (invariants) and read out once; the buffer
            // is no longer reachable from `self`.
            drop(unsafe { slots.add(i).read() });
        }
        // SAFETY: allocated with this layout; every slot was moved out.
        unsafe { buffer.free(layout(self.log2_size)) };
        self.used = 0;
        self.fill = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::probe_until;

    fn first_slots(hash: i64, mask: usize, n: usize) -> Vec<usize> {
        let mut seen = Vec::new();
        probe_until(hash, mask, |i| {
            seen.push(i);
            seen.len() == n
        });
        seen
    }

    #[test]
    fn probes_are_linear_then_perturbed_like_cpython() {
        // 8 slots: no room for linear probes, so jumps at once: 5 -> 5*5+1 = 26 & 7 = 2
        assert_eq!(first_slots(5, 7, 3), vec![5, 2, 3]);
        // 32 slots: the first slot and its 9 neighbours, then a jump to 1 * 5 + 1
        let mut expected: Vec<usize> = (1..=10).collect();
        expected.push(6);
        assert_eq!(first_slots(1, 31, 11), expected);
    }
}
