//! CPython's set slot layout, simulated, so that sets iterate (and print) in CPython's order.
//!
//! A set's entries live in the insertion-ordered [`Table`](super::Table); this index places
//! each entry in the slot CPython 3.11's open addressing would give it (linear probes, then
//! perturbation; resizing at 60% fill), and iteration walks the slots.

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
}

impl Default for SlotOrder {
    fn default() -> Self {
        SlotOrder {
            slots: vec![EMPTY; MIN_SIZE],
            hashes: vec![0; MIN_SIZE],
            fill: 0,
            used: 0,
        }
    }
}

impl SlotOrder {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Places a new (absent) key, as `set_add_entry` does: the first deleted slot on the
    /// probe sequence is reused, else the empty slot that ends it.
    pub fn insert(&mut self, hash: i64, pos: usize) {
        let empty = self.probe(hash, |s| s == EMPTY);
        let reused = self.first_dummy_before(hash, empty);
        let slot = reused.unwrap_or(empty);
        self.slots[slot] = pos as u32 + 1;
        self.hashes[slot] = hash;
        self.used += 1;
        if reused.is_some() {
            return;
        }
        self.fill += 1;
        if self.fill * 5 >= self.mask() * 3 {
            let minused = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(minused);
        }
    }

    /// The first deleted slot met on the probe sequence before reaching `end`.
    fn first_dummy_before(&self, hash: i64, end: usize) -> Option<usize> {
        let mut dummy = None;
        self.probe_visit(hash, |slot, value| {
            if slot == end {
                return true;
            }
            if value == DUMMY && dummy.is_none() {
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

    /// Marks the slot of entry `pos` deleted.
    pub fn remove(&mut self, pos: usize) {
        if let Some(slot) = self.slots.iter().position(|s| *s == pos as u32 + 1) {
            self.slots[slot] = DUMMY;
            self.used -= 1;
        }
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
        self.active().map(|(s, _)| s as usize - 1)
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
}
