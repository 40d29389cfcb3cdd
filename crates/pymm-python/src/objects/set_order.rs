//! CPython's set slot layout, simulated, so that sets iterate (and print) in CPython's order.
//!
//! A set's entries live in the insertion-ordered [`Table`](super::Table); this index places
//! each entry in the slot CPython 3.11's open addressing would give it (linear probes, then
//! perturbation; resizing at 60% fill), and iteration walks the slots. `set.pop` starts at
//! CPython's search finger, and bulk removals purge deleted slots as `difference_update` does.

/// Linear probes before perturbing (CPython's `LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// Smallest table (CPython's `PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
const EMPTY: u32 = 0;
const DUMMY: u32 = u32::MAX;

/// Slot `i` holds 0 (empty), `DUMMY` (deleted) or entry position + 1.
#[derive(Clone, Debug)]
pub struct SlotOrder {
    slots: Vec<u32>,
    hashes: Vec<i64>,
    fill: usize,
    used: usize,
    /// Where `set.pop` starts looking (CPython's `finger`; kept by resizes and clears).
    finger: usize,
}

impl Default for SlotOrder {
    fn default() -> Self {
        SlotOrder {
            slots: vec![EMPTY; MIN_SIZE],
            hashes: vec![0; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

/// The size CPython asks for when a set grows or purges: four times the entries in use,
/// twice past 50000.
fn growth_target(used: usize) -> usize {
    if used > 50000 {
        used * 2
    } else {
        used * 4
    }
}

impl SlotOrder {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Places a new (absent) key, as CPython 3.11's `set_add_entry` does: the last deleted
    /// slot met on the probe sequence is reused, else the empty slot that ends it.
    pub fn insert(&mut self, hash: i64, pos: usize) {
        let empty = self.probe(hash, |s| s == EMPTY);
        let reused = self.last_dummy_before(hash, empty);
        let slot = reused.unwrap_or(empty);
        self.slots[slot] = pos as u32 + 1;
        self.hashes[slot] = hash;
        self.used += 1;
        if reused.is_some() {
            return;
        }
        self.fill += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(growth_target(self.used));
        }
    }

    /// The last deleted slot met on the probe sequence before reaching `end`.
    fn last_dummy_before(&self, hash: i64, end: usize) -> Option<usize> {
        let mut dummy = None;
        self.probe_visit(hash, |slot, value| {
            if slot == end {
                return true;
            }
            if value == DUMMY {
                dummy = Some(slot);
            }
            false
        });
        dummy
    }

    /// Walks the probe sequence until `visit(slot, value)` returns true.
    fn probe_visit(&self, hash: i64, mut visit: impl FnMut(usize, u32) -> bool) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                if visit(j, self.slots[j]) {
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// First slot on the key's probe sequence that satisfies `stop`.
    fn probe(&self, hash: i64, stop: impl Fn(u32) -> bool) -> usize {
        let mut found = 0;
        self.probe_visit(hash, |slot, value| {
            found = slot;
            stop(value)
        });
        found
    }

    /// Rebuilds with room for `minused`, reinserting in slot order (`set_table_resize`).
    pub fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old: Vec<(u32, i64)> = self.active().collect();
        self.slots = vec![EMPTY; size];
        self.hashes = vec![0; size];
        for (s, h) in old {
            let slot = self.probe(h, |x| x == EMPTY);
            self.slots[slot] = s;
            self.hashes[slot] = h;
        }
        self.fill = self.used;
    }

    fn active(&self) -> impl Iterator<Item = (u32, i64)> + '_ {
        self.slots
            .iter()
            .zip(&self.hashes)
            .filter(|(s, _)| **s != EMPTY && **s != DUMMY)
            .map(|(s, h)| (*s, *h))
    }

    /// Marks the slot of entry `pos`, whose key has `hash`, deleted.
    pub fn remove(&mut self, pos: usize, hash: i64) {
        let wanted = pos as u32 + 1;
        let slot = self.probe(hash, |s| s == wanted || s == EMPTY);
        if self.slots[slot] == wanted {
            self.slots[slot] = DUMMY;
            self.used -= 1;
        }
    }

    /// Deletes the entry `set.pop()` returns: the first in use from the finger on, wrapping
    /// around (`set_pop`). Returns its entry position.
    pub fn pop(&mut self) -> Option<usize> {
        if self.used == 0 {
            return None;
        }
        let start = self.finger & self.mask();
        let slot = (start..self.slots.len())
            .chain(0..start)
            .find(|&i| !matches!(self.slots[i], EMPTY | DUMMY))?;
        let pos = self.slots[slot] as usize - 1;
        self.slots[slot] = DUMMY;
        self.used -= 1;
        self.finger = slot + 1;
        Some(pos)
    }

    /// After bulk removals (`difference_update`, `-=`): rebuilds without deleted slots when
    /// they are more than a quarter of the table.
    pub fn purge_if_mostly_deleted(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(growth_target(self.used));
        }
    }

    /// Empties the slots as `set.clear()` does: back to the smallest table, finger kept.
    pub fn clear(&mut self) {
        *self = SlotOrder {
            finger: self.finger,
            ..SlotOrder::default()
        };
    }

    /// Places entry `pos` in `slot`, as `set_merge` copies a same-sized table without
    /// deleted slots slot for slot. The slot must be empty.
    pub fn place(&mut self, slot: usize, hash: i64, pos: usize) {
        debug_assert_eq!(self.slots[slot], EMPTY);
        self.slots[slot] = pos as u32 + 1;
        self.hashes[slot] = hash;
        self.fill += 1;
        self.used += 1;
    }

    /// Continues `set.pop` where `previous` would have (`set_swap_bodies` keeps the finger).
    pub fn keep_finger_of(&mut self, previous: &SlotOrder) {
        self.finger = previous.finger;
    }

    /// True when no slot is deleted (CPython's `fill == used`).
    pub fn has_no_deleted(&self) -> bool {
        self.fill == self.used
    }

    /// (slot, entry position) of the slots in use, in slot order.
    pub fn occupied(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| !matches!(**s, EMPTY | DUMMY))
            .map(|(i, s)| (i, *s as usize - 1))
    }

    /// Entry positions in slot order, from slot `from`: (slot, entry position).
    pub fn next_from(&self, from: usize) -> Option<(usize, usize)> {
        (from..self.slots.len()).find_map(|i| match self.slots[i] {
            EMPTY | DUMMY => None,
            s => Some((i, s as usize - 1)),
        })
    }

    /// Entry positions in slot order.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.occupied().map(|(_, pos)| pos)
    }

    /// Slots in use or deleted (CPython's `fill`).
    pub fn fill(&self) -> usize {
        self.fill
    }

    /// Number of slots (CPython's `mask + 1`).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Renumbers entries after the table compacted (old position -> new position).
    pub fn renumber(&mut self, map: &[Option<usize>]) {
        for s in self.slots.iter_mut() {
            if *s != EMPTY && *s != DUMMY {
                if let Some(Some(new)) = map.get(*s as usize - 1) {
                    *s = *new as u32 + 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SlotOrder;

    fn order(keys: &[i64]) -> Vec<i64> {
        let mut s = SlotOrder::default();
        for (pos, k) in keys.iter().enumerate() {
            s.insert(*k, pos);
        }
        s.positions().map(|p| keys[p]).collect()
    }

    #[test]
    fn small_ints_come_out_sorted_like_cpython() {
        assert_eq!(order(&[3, 1, 2]), vec![1, 2, 3]);
        assert_eq!(order(&[10, 5, 100, 7]), vec![10, 100, 5, 7]);
        assert_eq!(order(&[7, 15, 23]), vec![15, 23, 7]);
    }

    #[test]
    fn the_last_deleted_slot_on_the_probe_path_is_reused() {
        // 0, 8, 16, 24 sit in slots 0, 1, 6, 7 of the 8-slot table (no linear probes there)
        let keys = [0, 8, 16, 24, 32];
        let mut s = SlotOrder::default();
        for (pos, k) in keys[..4].iter().enumerate() {
            s.insert(*k, pos);
        }
        s.remove(0, 0);
        s.remove(2, 16);
        s.insert(16, 5); // path 0 (deleted), 1, 6 (deleted), 7, 4 (empty): slot 6
        s.insert(32, 6); // path 0 (deleted), 2 (empty): slot 0
        let positions: Vec<usize> = s.positions().collect();
        assert_eq!(positions, vec![6, 1, 5, 3]);
    }

    #[test]
    fn pop_starts_at_the_finger() {
        let mut s = SlotOrder::default();
        for k in 0..5 {
            s.insert(k, k as usize);
        }
        assert_eq!(s.pop(), Some(0));
        s.insert(0, 5); // back into slot 0, behind the finger
        assert_eq!(s.pop(), Some(1));
        s.clear(); // the finger survives a clear, as in CPython
        s.insert(0, 0);
        s.insert(3, 1);
        assert_eq!(s.pop(), Some(1));
        assert_eq!(s.pop(), Some(0));
    }
}
