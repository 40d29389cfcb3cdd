//! The hash table behind dict and set: entries in insertion order plus an index by hash.
//!
//! Key equality needs Python semantics (`__eq__` may run user code), so the table only finds
//! *candidates* with the same hash; the VM compares them outside any borrow.

use hashbrown::HashTable;
use smallvec::SmallVec;

use super::set_order::SlotOrder;
use super::PyRef;
use crate::rt::Tracer;

/// One key/value pair with the key's hash.
pub struct Entry {
    /// The key's Python hash.
    pub hash: i64,
    /// The key.
    pub key: PyRef,
    /// The value (sets store their key's `None` here).
    pub value: PyRef,
}

/// An insertion-ordered hash table; sets also keep CPython's slot order for iteration.
#[derive(Default)]
pub struct Table {
    entries: Vec<Option<Entry>>,
    index: HashTable<u32>,
    live: usize,
    order: Option<Box<SlotOrder>>,
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table that iterates in CPython's set order.
    pub fn new_set() -> Self {
        Table {
            order: Some(Box::default()),
            ..Self::default()
        }
    }

    /// Before merging `incoming` keys, grows a set's slots as CPython's `set_merge` does.
    pub fn reserve_for_merge(&mut self, incoming: usize) {
        let used = self.live;
        if let Some(order) = &mut self.order {
            if (order.fill() + incoming) * 5 >= (order.capacity() - 1) * 3 {
                order.resize((used + incoming) * 2);
            }
        }
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Positions of the entries whose key has this hash.
    pub fn candidates(&self, hash: i64) -> SmallVec<[usize; 2]> {
        let entries = &self.entries;
        self.index
            .iter_hash(hash as u64)
            .map(|&i| i as usize)
            .filter(|&i| entries[i].as_ref().is_some_and(|e| e.hash == hash))
            .collect()
    }

    /// Position of the first entry with this hash whose key satisfies `eq` (no allocation).
    pub fn find_by(&self, hash: i64, mut eq: impl FnMut(&PyRef) -> bool) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| {
                entries[i as usize]
                    .as_ref()
                    .is_some_and(|e| e.hash == hash && eq(&e.key))
            })
            .map(|&i| i as usize)
    }

    /// True if some entry with this hash has a key for which `pred` holds.
    pub fn any_with_hash(&self, hash: i64, mut pred: impl FnMut(&PyRef) -> bool) -> bool {
        let entries = &self.entries;
        self.index.iter_hash(hash as u64).any(|&i| {
            entries[i as usize]
                .as_ref()
                .is_some_and(|e| e.hash == hash && pred(&e.key))
        })
    }

    /// The entry at a position returned by [`Table::candidates`] or [`Table::next_from`].
    pub fn entry(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos).and_then(|e| e.as_ref())
    }

    /// Replaces the value at `pos`, returning the old one (drop it after the borrow ends).
    pub fn replace_value(&mut self, pos: usize, value: PyRef) -> Option<PyRef> {
        let entry = self.entries.get_mut(pos)?.as_mut()?;
        Some(std::mem::replace(&mut entry.value, value))
    }

    /// Appends a key known to be absent.
    pub fn push(&mut self, hash: i64, key: PyRef, value: PyRef) {
        let pos = self.push_entry(hash, key, value);
        if let Some(order) = &mut self.order {
            order.insert(hash, pos);
        }
    }

    /// Appends an entry to `entries` and the index, not to a set's slots; returns its position.
    fn push_entry(&mut self, hash: i64, key: PyRef, value: PyRef) -> usize {
        if self.entries.len() > 8 && self.entries.len() >= 2 * self.live + 8 {
            self.compact();
        }
        let pos = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, pos, |&i| {
            entries[i as usize].as_ref().map_or(0, |e| e.hash as u64)
        });
        self.live += 1;
        pos as usize
    }

    /// Removes the entry at `pos` and returns it (drop it after the borrow ends).
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let entry = self.take_entry(pos)?;
        if let Some(order) = &mut self.order {
            order.remove(pos, entry.hash);
        }
        Some(entry)
    }

    /// Takes the entry at `pos` out of `entries` and the index, not out of a set's slots.
    fn take_entry(&mut self, pos: usize) -> Option<Entry> {
        let entry = self.entries.get_mut(pos)?.take()?;
        if let Ok(found) = self
            .index
            .find_entry(entry.hash as u64, |&i| i as usize == pos)
        {
            found.remove();
        }
        self.live -= 1;
        Some(entry)
    }

    /// `set.pop()`: removes the entry CPython would pop (drop it after the borrow ends).
    pub fn pop_set_entry(&mut self) -> Option<Entry> {
        let pos = self.order.as_mut()?.pop()?;
        self.take_entry(pos)
    }

    /// True for a set that never held a key since it was made or cleared (CPython's
    /// `fill == 0`): keys merged into it need no equality checks.
    pub fn is_pristine_set(&self) -> bool {
        self.order.as_ref().is_some_and(|o| o.fill() == 0)
    }

    /// Copies the keys of the set `src` into this pristine set as `set_merge` does: one
    /// resize first; then slot for slot when both tables have the same size and `src` has
    /// no deleted slots, else a clean insertion in `src`'s slot order.
    pub fn copy_set_from(&mut self, src: &Table) {
        let Some(src_order) = &src.order else {
            return;
        };
        self.reserve_for_merge(src.live);
        let same_layout = self
            .order
            .as_ref()
            .is_some_and(|o| o.capacity() == src_order.capacity() && src_order.has_no_deleted());
        for (slot, pos) in src_order.occupied() {
            let Some(e) = &src.entries[pos] else {
                continue;
            };
            let new_pos = self.push_entry(e.hash, e.key.clone(), e.value.clone());
            if let Some(order) = &mut self.order {
                if same_layout {
                    order.place(slot, e.hash, new_pos);
                } else {
                    order.insert(e.hash, new_pos);
                }
            }
        }
    }

    /// After a set's bulk removals: drops deleted slots when they are many, as CPython's
    /// `difference_update` does.
    pub fn purge_if_mostly_deleted(&mut self) {
        if let Some(order) = &mut self.order {
            order.purge_if_mostly_deleted();
        }
    }

    /// Takes over the contents of `other` (`set_swap_bodies` for `&=`), keeping this set's
    /// `pop` finger. Returns the old contents (drop them after the borrow ends).
    pub fn replace_set_contents(&mut self, other: Table) -> Table {
        let old = std::mem::replace(self, other);
        if let (Some(new), Some(previous)) = (&mut self.order, &old.order) {
            new.keep_finger_of(previous);
        }
        old
    }

    /// The first live entry at or after iteration position `pos` (an entry index, or a slot
    /// index for sets), with its position.
    pub fn next_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        if let Some(order) = &self.order {
            let (slot, entry) = order.next_from(pos)?;
            return self.entries[entry].as_ref().map(|e| (slot, e));
        }
        self.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }

    /// Position in `entries` of the entry found at iteration position `pos`.
    pub fn entry_pos_at(&self, pos: usize) -> Option<usize> {
        match &self.order {
            Some(order) => order
                .next_from(pos)
                .filter(|(slot, _)| *slot == pos)
                .map(|(_, e)| e),
            None => Some(pos),
        }
    }

    /// The last live entry's position (for `popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }

    /// Iterates over live entries: insertion order, or CPython's slot order for sets.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        let entries = &self.entries;
        let ordered = self
            .order
            .as_ref()
            .map(|o| o.positions().filter_map(move |p| entries[p].as_ref()));
        let plain = match &self.order {
            Some(_) => None,
            None => Some(entries.iter().flatten()),
        };
        ordered
            .into_iter()
            .flatten()
            .chain(plain.into_iter().flatten())
    }

    /// Takes every entry out, leaving the table empty (drop them after the borrow ends).
    pub fn take_all(&mut self) -> Vec<Option<Entry>> {
        self.index.clear();
        self.live = 0;
        if let Some(order) = &mut self.order {
            order.clear();
        }
        std::mem::take(&mut self.entries)
    }

    /// Bytes used by entries and index, for `sys.getsizeof`.
    pub fn heap_bytes(&self) -> usize {
        let slots = self.order.as_ref().map_or(0, |o| o.capacity() * 12);
        self.entries.capacity() * std::mem::size_of::<Option<Entry>>()
            + self.index.capacity() * 5
            + slots
    }

    /// Visits every key and value.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        for e in self.iter() {
            tracer.visit(&e.key);
            tracer.visit(&e.value);
        }
    }

    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        let order = self.order.take();
        self.index.clear();
        self.live = 0;
        let mut map = Vec::with_capacity(old.len());
        for e in old {
            match e {
                Some(e) => {
                    map.push(Some(self.entries.len()));
                    self.push(e.hash, e.key, e.value);
                }
                None => map.push(None),
            }
        }
        // entries moved, slots did not: renumber them
        self.order = order.map(|mut o| {
            o.renumber(&map);
            o
        });
    }
}
