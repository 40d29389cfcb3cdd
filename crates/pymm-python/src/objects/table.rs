//! The hash tables behind dict and set, laid out as CPython 3.11 lays them out, in pymm's
//! pools.
//!
//! - A dict is a compact dict ([`compact`], as `Objects/dictobject.c`): a small array of
//!   indices (1, 2, 4 or 8 bytes each, by the table's size) into a dense array of entries in
//!   insertion order, both in one block; it grows when its usable two thirds are used up.
//! - A set is CPython's open addressing table ([`open`], as `Objects/setobject.c`): slots of
//!   (hash, key), linear probes then perturbation, at least 8 slots, resized at 60% fill. A
//!   set iterates in slot order, which is CPython's order by construction.
//!
//! A table's buffer comes from the thread's pymm heap ([`ThreadHeapAllocator`]), as CPython
//! takes its tables from pymalloc; an empty table has none.
//!
//! Key equality needs Python semantics (`__eq__` may run user code), so the table only finds
//! *candidates* with the same hash; the VM compares them outside any borrow and then acts
//! on the candidate's position: an entry index for a dict, a slot index for a set.

mod buffer;
mod compact;
mod open;

use smallvec::SmallVec;

use super::PyRef;
use crate::rt::{ThreadHeapAllocator, Tracer};
use buffer::Buffer;

/// Where a dict or set's table lives: a `Box` in the thread heap's pools, one word wide.
pub type TableBox =
    crate::rt::allocator_api2::boxed::Box<std::cell::RefCell<Table>, ThreadHeapAllocator>;

/// A new boxed table (see [`TableBox`]).
pub fn boxed(table: Table) -> TableBox {
    crate::rt::allocator_api2::boxed::Box::new_in(
        std::cell::RefCell::new(table),
        ThreadHeapAllocator::new(),
    )
}

/// One key/value pair with the key's hash, taken out of a table.
pub struct Entry {
    /// The key's Python hash.
    pub hash: i64,
    /// The key.
    pub key: PyRef,
    /// The value (sets have none: the key again).
    pub value: PyRef,
}

/// A live entry, in place.
#[derive(Clone, Copy)]
pub struct EntryRef<'a> {
    /// The key's Python hash.
    pub hash: i64,
    /// The key.
    pub key: &'a PyRef,
    /// The value (sets have none: the key again).
    pub value: &'a PyRef,
}

/// Which layout a table has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A compact dict with (hash, key, value) entries.
    Dict,
    /// A compact dict whose keys are all exact strs: (key, value) entries.
    StrDict,
    /// An open addressing set.
    Set,
}

/// A dict's or a set's table. 24 bytes, so that with its `RefCell` it fills a 32-byte block.
pub struct Table {
    /// The entries (and a dict's indices); `None` while empty (no slot allocated).
    buffer: Option<Buffer>,
    /// Live entries (CPython's `ma_used` / `used`).
    used: u32,
    /// Dict: entries ever appended since the last resize (`dk_nentries`); set: slots in use
    /// or deleted (`fill`).
    fill: u32,
    /// Dict: entries that may still be appended before a resize (`dk_usable`); set: where
    /// `pop` starts looking (`finger`).
    spare: u32,
    /// log2 of the number of slots (0 while there is no buffer).
    log2_size: u8,
    kind: Kind,
    /// Set for namespaces whose lookups the VM caches ([`Table::watch`]): a change of its
    /// keys moves [`watched_keys_version`] on.
    watched: std::cell::Cell<bool>,
}

const _: () = assert!(std::mem::size_of::<Table>() == 24);

thread_local! {
    /// See [`watched_keys_version`]; never 0.
    static WATCHED_KEYS_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A number that moves on whenever a watched table ([`Table::watch`]) gains or loses a key,
/// has its contents taken, or is dropped: while it stays the same, every watched table has
/// the keys it had, each at the position it had (values may change in place).
pub fn watched_keys_version() -> u64 {
    WATCHED_KEYS_VERSION.with(|v| v.get())
}

impl Default for Table {
    /// An empty dict table.
    fn default() -> Self {
        Table::new()
    }
}

impl Table {
    /// An empty dict table.
    pub fn new() -> Self {
        Self::empty(Kind::Dict)
    }

    /// An empty set table.
    pub fn new_set() -> Self {
        Self::empty(Kind::Set)
    }

    fn empty(kind: Kind) -> Self {
        Table {
            buffer: None,
            used: 0,
            fill: 0,
            spare: 0,
            log2_size: 0,
            kind,
            watched: std::cell::Cell::new(false),
        }
    }

    /// Makes this table watched, for good: from now on every change of its keys moves
    /// [`watched_keys_version`] on (module namespaces, whose lookups the VM caches).
    pub fn watch(&self) {
        self.watched.set(true);
    }

    /// Called before the keys (or their positions) change.
    fn keys_change(&self) {
        if self.watched.get() {
            WATCHED_KEYS_VERSION.with(|v| v.set(v.get() + 1));
        }
    }

    /// An empty table of the same kind; for a set, `pop` keeps its finger (as `clear` does).
    fn emptied(&self) -> Self {
        let mut empty = Self::empty(self.kind);
        empty.watched.set(self.watched.get());
        if self.kind == Kind::Set {
            empty.spare = self.spare;
        }
        empty
    }

    fn is_set(&self) -> bool {
        self.kind == Kind::Set
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.used as usize
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Positions of the entries whose key has this hash.
    pub fn candidates(&self, hash: i64) -> SmallVec<[usize; 2]> {
        let mut found = SmallVec::new();
        self.probe_hash(hash, |pos, _| {
            found.push(pos);
            false
        });
        found
    }

    /// Position of the first entry with this hash whose key satisfies `eq` (no allocation).
    /// Inlined: the dict and set lookups of the eval loop call it with their own `eq`.
    #[inline]
    pub fn find_by(&self, hash: i64, mut eq: impl FnMut(&PyRef) -> bool) -> Option<usize> {
        let mut found = None;
        self.probe_hash(hash, |pos, key| {
            let hit = eq(key);
            if hit {
                found = Some(pos);
            }
            hit
        });
        found
    }

    /// True if some entry with this hash has a key for which `pred` holds.
    pub fn any_with_hash(&self, hash: i64, pred: impl FnMut(&PyRef) -> bool) -> bool {
        self.find_by(hash, pred).is_some()
    }

    /// Calls `visit(position, key)` for the live entries with this hash along the key's
    /// probe sequence, until it returns true.
    #[inline]
    fn probe_hash(&self, hash: i64, visit: impl FnMut(usize, &PyRef) -> bool) {
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_probe_hash(hash, visit),
            Kind::Set => self.set_probe_hash(hash, visit),
        }
    }

    /// The value of a dict's entry at `pos`, if one is live there (the inline caches of
    /// global and module loads read it: the key and its hash are not needed).
    #[inline]
    pub fn value_at(&self, pos: usize) -> Option<&PyRef> {
        self.dict_value(pos)
    }

    /// The entry at a position returned by [`Table::candidates`] or [`Table::next_from`].
    #[inline]
    pub fn entry(&self, pos: usize) -> Option<EntryRef<'_>> {
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_entry(pos),
            Kind::Set => self.slots().get(pos).and_then(open::entry_ref),
        }
    }

    /// Replaces the value at `pos`, returning the old one (drop it after the borrow ends).
    /// Sets have no values: `None`.
    pub fn replace_value(&mut self, pos: usize, value: PyRef) -> Option<PyRef> {
        let slot = self.dict_value_mut(pos)?;
        Some(std::mem::replace(slot, value))
    }

    /// Adds a key known to be absent (a set drops `value`).
    pub fn push(&mut self, hash: i64, key: PyRef, value: PyRef) {
        self.keys_change();
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_insert(hash, key, value),
            Kind::Set => self.set_insert(hash, key),
        }
    }

    /// Removes the entry at `pos` and returns it (drop it after the borrow ends).
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        self.keys_change();
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_remove(pos),
            Kind::Set => self.set_remove(pos),
        }
    }

    /// `dict.popitem()`: removes the last entry (drop it after the borrow ends); its place
    /// is reused by the next insertion, as in CPython.
    pub fn pop_last(&mut self) -> Option<Entry> {
        self.keys_change();
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_pop_last(),
            Kind::Set => None,
        }
    }

    /// The first live entry at or after iteration position `pos` (an entry index for a
    /// dict, a slot index for a set), with its position.
    pub fn next_from(&self, pos: usize) -> Option<(usize, EntryRef<'_>)> {
        match self.kind {
            Kind::Dict | Kind::StrDict => {
                (pos..self.dict_len()).find_map(|i| self.dict_entry(i).map(|e| (i, e)))
            }
            Kind::Set => self
                .slots()
                .iter()
                .enumerate()
                .skip(pos)
                .find_map(|(i, slot)| open::entry_ref(slot).map(|e| (i, e))),
        }
    }

    /// Iterates over live entries: insertion order for a dict, slot order for a set.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_>> {
        let dict = (0..self.dict_len()).filter_map(|i| self.dict_entry(i));
        let set = self.slots().iter().filter_map(open::entry_ref);
        dict.chain(set)
    }

    /// Takes every entry out, leaving the table empty (drop them after the borrow ends). A
    /// set keeps `pop`'s finger, as `set.clear()` does.
    pub fn take_all(&mut self) -> Vec<Entry> {
        let old = self.take_contents();
        old.into_entries()
    }

    /// The table's contents, leaving an empty table of the same kind.
    pub fn take_contents(&mut self) -> Table {
        self.keys_change();
        let empty = self.emptied();
        std::mem::replace(self, empty)
    }

    /// The live entries, in iteration order, taken out of this table.
    fn into_entries(mut self) -> Vec<Entry> {
        let mut out = Vec::with_capacity(self.len());
        match self.kind {
            Kind::Dict | Kind::StrDict => {
                out.extend((0..self.dict_len()).filter_map(|i| self.dict_take(i)))
            }
            Kind::Set => out.extend(self.slots_mut().iter_mut().filter_map(open::take)),
        }
        self.used = 0;
        out
    }

    /// Bytes this table owns, its box included, for `sys.getsizeof`.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of::<std::cell::RefCell<Table>>() + self.buffer_bytes()
    }

    /// Visits every key and value.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        for e in self.iter() {
            tracer.visit(e.key);
            if !self.is_set() {
                tracer.visit(e.value);
            }
        }
    }

    /// Slots (entries of the index for a dict): `1 << log2_size`, 0 without a buffer.
    fn size(&self) -> usize {
        match self.buffer {
            Some(_) => 1 << self.log2_size,
            None => 0,
        }
    }
}

impl Drop for Table {
    /// Releases the entries in order (a dict's insertion order, a set's slot order), then
    /// the buffer.
    fn drop(&mut self) {
        self.keys_change();
        match self.kind {
            Kind::Dict | Kind::StrDict => self.dict_free(),
            Kind::Set => self.set_free(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Table;
    use crate::objects::{Obj, PyRef};
    use crate::rt::Gc;

    fn int(i: i64) -> PyRef {
        Gc::new(Obj::Int(i))
    }

    fn set_of(keys: &[i64]) -> Table {
        let mut table = Table::new_set();
        for &k in keys {
            table.push(k, int(k), int(0));
        }
        table
    }

    fn keys(table: &Table) -> Vec<i64> {
        table.iter().map(|e| e.key.as_i64().unwrap_or(-1)).collect()
    }

    #[test]
    fn small_ints_come_out_of_a_set_in_cpython_s_order() {
        assert_eq!(keys(&set_of(&[3, 1, 2])), vec![1, 2, 3]);
        assert_eq!(keys(&set_of(&[10, 5, 100, 7])), vec![10, 100, 5, 7]);
        assert_eq!(keys(&set_of(&[7, 15, 23])), vec![15, 23, 7]);
    }

    #[test]
    fn the_last_dummy_slot_on_the_probe_path_is_reused() {
        // 0, 8, 16, 24 sit in slots 0, 1, 6, 7 of the 8-slot table (no linear probes there)
        let mut set = set_of(&[0, 8, 16, 24]);
        assert!(set.remove_at(0).is_some());
        assert!(set.remove_at(6).is_some());
        set.push(16, int(16), int(0)); // path 0 (dummy), 1, 6 (dummy), 7, 4 (empty): slot 6
        set.push(32, int(32), int(0)); // path 0 (dummy), 2 (empty): slot 0
        assert_eq!(keys(&set), vec![32, 8, 16, 24]);
    }

    #[test]
    fn pop_starts_at_the_finger_which_a_clear_keeps() {
        let mut set = set_of(&[0, 1, 2, 3, 4]);
        assert_eq!(set.pop_set_entry().map(|e| e.hash), Some(0));
        set.push(0, int(0), int(0)); // back into slot 0, behind the finger
        assert_eq!(set.pop_set_entry().map(|e| e.hash), Some(1));
        drop(set.take_all());
        set.push(0, int(0), int(0));
        set.push(3, int(3), int(0));
        assert_eq!(set.pop_set_entry().map(|e| e.hash), Some(3));
        assert_eq!(set.pop_set_entry().map(|e| e.hash), Some(0));
    }

    #[test]
    fn a_dict_keeps_insertion_order_through_deletions_and_growth() {
        let mut dict = Table::new();
        for k in 0..100 {
            dict.push(k * 7, int(k), int(k * 10));
        }
        for k in (0..100).step_by(3) {
            let pos = dict.find_by(k * 7, |key| key.as_i64() == Some(k));
            assert!(dict.remove_at(pos.expect("present")).is_some());
        }
        for k in 100..200 {
            dict.push(k * 7, int(k), int(k * 10));
        }
        let expected: Vec<i64> = (0..200).filter(|k| k >= &100 || k % 3 != 0).collect();
        assert_eq!(keys(&dict), expected);
        assert_eq!(dict.len(), expected.len());
        let last = dict.pop_last().expect("not empty");
        assert_eq!(last.key.as_i64(), Some(199));
        dict.push(0, int(-5), int(0));
        assert_eq!(keys(&dict).last(), Some(&-5));
        for k in expected.iter().filter(|&&k| k != 199) {
            let found = dict.find_by(k * 7, |key| key.as_i64() == Some(*k));
            let value = found.and_then(|p| dict.entry(p)).map(|e| e.value.as_i64());
            assert_eq!(value, Some(Some(k * 10)), "key {k}");
        }
    }

    #[test]
    fn a_one_entry_dict_takes_cpython_s_eight_slots() {
        let mut dict = Table::new();
        assert_eq!(dict.heap_bytes(), 32); // no buffer yet
        dict.push(1, int(1), int(1));
        // 5 entries of 24 bytes and 8 one-byte indices, as CPython's keys object holds
        assert_eq!(dict.heap_bytes(), 32 + 5 * 24 + 8);
        let mut set = Table::new_set();
        set.push(1, int(1), int(0));
        assert_eq!(set.heap_bytes(), 32 + 8 * 16);
    }

    fn text(s: &str) -> (i64, PyRef) {
        let obj =
            crate::objects::PyStr::alloc(&crate::rt::Heap::thread_default(), s).expect("room");
        (crate::objects::str::layout::hash_text(s), obj)
    }

    #[test]
    fn a_str_keyed_dict_has_16_byte_entries_until_another_key_comes() {
        let mut dict = Table::new();
        for name in ["a", "b", "c"] {
            let (hash, key) = text(name);
            dict.push(hash, key, int(1));
        }
        assert_eq!(dict.heap_bytes(), 32 + 5 * 16 + 8);
        let (hash_b, _) = text("b");
        let b = dict.find_by(hash_b, |k| k.as_str() == Some("b"));
        assert_eq!(b.and_then(|p| dict.entry(p)).map(|e| e.hash), Some(hash_b));
        dict.push(7, int(7), int(2)); // GROWTH_RATE: 3 * 3 = 9 -> 16 slots, 10 entries
        assert_eq!(dict.heap_bytes(), 32 + 10 * 24 + 16);
        let names: Vec<String> = dict
            .iter()
            .map(|e| match e.key.as_str() {
                Some(s) => s.to_string(),
                None => format!("{:?}", e.key.as_i64()),
            })
            .collect();
        assert_eq!(names, ["a", "b", "c", "Some(7)"]);
        let (hash_c, _) = text("c");
        let c = dict.find_by(hash_c, |k| k.as_str() == Some("c"));
        assert_eq!(
            c.and_then(|p| dict.remove_at(p)).map(|e| e.hash),
            Some(hash_c)
        );
        assert_eq!(dict.len(), 3);
    }
}
