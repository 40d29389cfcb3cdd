//! The hash table behind dict and set: entries in insertion order plus an index by hash.
//!
//! Key equality needs Python semantics (`__eq__` may run user code), so the table only finds
//! *candidates* with the same hash; the VM compares them outside any borrow.

use hashbrown::HashTable;
use smallvec::SmallVec;

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

/// An insertion-ordered hash table.
#[derive(Default)]
pub struct Table {
    entries: Vec<Option<Entry>>,
    index: HashTable<u32>,
    live: usize,
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
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
    }

    /// Removes the entry at `pos` and returns it (drop it after the borrow ends).
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
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

    /// The first live entry at or after `pos`, with its position (for iteration).
    pub fn next_from(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }

    /// The last live entry's position (for `popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.is_some())
    }

    /// Iterates over live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// Takes every entry out, leaving the table empty (drop them after the borrow ends).
    pub fn take_all(&mut self) -> Vec<Option<Entry>> {
        self.index.clear();
        self.live = 0;
        std::mem::take(&mut self.entries)
    }

    /// Bytes used by entries and index, for `sys.getsizeof`.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Option<Entry>>() + self.index.capacity() * 5
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
        self.index.clear();
        self.live = 0;
        for e in old.into_iter().flatten() {
            self.push(e.hash, e.key, e.value);
        }
    }
}
