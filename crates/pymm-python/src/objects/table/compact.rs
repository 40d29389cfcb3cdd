//! A dict's table: CPython 3.11's compact dict (`Objects/dictobject.c`).
//!
//! One block holds a dense array of entries in insertion order (`dk_entries`, two thirds of
//! the slots: `USABLE_FRACTION`) followed by the index (`dk_indices`). While every key is an
//! exact str the entries are (key, value), 16 bytes, the hash being the str's own cached one
//! (`DictUnicodeEntry`); the first other key turns them into (hash, key, value), 24 bytes
//! (`PyDictKeyEntry`), with a resize (`insertion_resize`), and so does a resize past 256 slots
//! ([`LOG2_MAX_STR_ENTRIES`]: pymm's departure from CPython). The index holds one signed integer per
//! slot, 1, 2, 4 or 8 bytes wide by the table's size, holding an entry's position, -1 (empty)
//! or -2 (deleted). Probing is CPython's: `i = (i * 5 + perturb + 1) & mask`, `perturb`
//! shifted right by 5 each step. Deleting leaves a hole in the entries; holes go at the next
//! resize, which happens when the entries are used up and sizes the table for three times the
//! live entries (`GROWTH_RATE`).
//!
//! Invariants (kinds `Dict` and `StrDict`), relied on by the `unsafe` blocks below: while
//! `buffer` is `Some`, it was allocated with `layout(log2_size, kind)`, its
//! `usable(log2_size)` entry slots of the kind's type ([`Slot`], [`StrSlot`]) are initialised
//! (`None` or an entry) and so are its index bytes; a `StrDict` holds only exact str keys; `fill + spare <=
//! usable(log2_size)`; the index maps every live entry and no empty slot is ever missing
//! (`usable < size`), so every probe ends.

use std::alloc::Layout;
use std::mem::{align_of, size_of};

use super::buffer::Buffer;
use super::{Entry, EntryRef, Kind, Table};
use crate::objects::{Obj, PyRef};

/// Smallest table: 8 slots (`PyDict_LOG_MINSIZE`).
const LOG2_MIN_SIZE: u8 = 3;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// The largest str-keyed table with 16-byte entries: 256 slots. A str's hash sits behind two
/// pointers here (object, then text block), one more than in CPython, so a probe that meets
/// another key costs two cache misses where that key is cold; in a big table most are, and
/// lookups would pay for it (a 300,000-key str dict was 1.4x slower to fill and read). Bigger
/// tables keep the hash in the entry.
const LOG2_MAX_STR_ENTRIES: u8 = 8;
/// Index value of a slot never used (`DKIX_EMPTY`).
const EMPTY: i64 = -1;
/// Index value of a slot whose entry was deleted (`DKIX_DUMMY`).
const DUMMY: i64 = -2;

/// An entry slot of a general dict: `None` once deleted (CPython's NULL key).
type Slot = Option<Entry>;

/// An entry of a dict whose keys are all exact strs: the hash is the key's own.
pub(super) struct StrEntry {
    key: PyRef,
    value: PyRef,
}

/// An entry slot of a str-keyed dict: `None` once deleted.
type StrSlot = Option<StrEntry>;

// Hash, key and value: the 24 bytes of CPython's `PyDictKeyEntry`; key and value: the 16
// of its `PyDictUnicodeEntry`.
const _: () = assert!(size_of::<Slot>() == 24 && size_of::<StrSlot>() == 16);
const _: () = assert!(align_of::<Slot>() == align_of::<StrSlot>());

/// Entries a table of `1 << log2` slots holds (`USABLE_FRACTION`).
fn usable(log2: u8) -> usize {
    ((1usize << log2) << 1) / 3
}

/// Bytes per index slot (`DK_IXSIZE`).
fn index_width(log2: u8) -> usize {
    match log2 {
        0..=7 => 1,
        8..=15 => 2,
        16..=31 => 4,
        _ => 8,
    }
}

/// Bytes per entry of a table of `kind`.
fn entry_size(kind: Kind) -> usize {
    match kind {
        Kind::StrDict => size_of::<StrSlot>(),
        _ => size_of::<Slot>(),
    }
}

/// The block of a table of `1 << log2` slots: the entries, then the index.
fn layout(log2: u8, kind: Kind) -> Layout {
    let entries = usable(log2) * entry_size(kind);
    let index = (1usize << log2) * index_width(log2);
    Layout::from_size_align(entries + index, align_of::<Slot>())
        .unwrap_or_else(|_| panic!("a dict of 2**{log2} slots does not fit in memory"))
}

/// log2 of the smallest table for `minsize` slots (`calculate_log2_keysize`).
fn log2_for(minsize: usize) -> u8 {
    let min = 1usize << LOG2_MIN_SIZE;
    let bits = ((minsize | min) - 1) | (min - 1);
    (usize::BITS - bits.leading_zeros()) as u8
}

/// True for a key a str-keyed dict may hold (`PyUnicode_CheckExact`).
fn is_exact_str(key: &PyRef) -> bool {
    matches!(&**key, Obj::Str(_))
}

/// The cached hash of an exact str key.
#[inline(always)]
fn str_hash(key: &PyRef) -> i64 {
    match &**key {
        Obj::Str(s) => s.hash(),
        _ => unreachable!("a str-keyed dict holds only str keys"),
    }
}

/// The probe sequence of `hash` in a table of `mask + 1` slots, from its first slot on.
fn probe(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    let mut first = true;
    std::iter::from_fn(move || {
        if !first {
            perturb >>= PERTURB_SHIFT;
            i = i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1)
                & mask;
        }
        first = false;
        Some(i)
    })
}

/// A table's index, read-only: `width`-byte signed integers.
struct IndexView<'a> {
    bytes: &'a [u8],
    width: usize,
}

impl IndexView<'_> {
    /// The index at slot `i` (`dictkeys_get_index`).
    #[inline(always)]
    fn get(&self, i: usize) -> i64 {
        let at = i * self.width;
        match self.width {
            1 => self.bytes[at] as i8 as i64,
            2 => i16::from_ne_bytes([self.bytes[at], self.bytes[at + 1]]) as i64,
            4 => i32::from_ne_bytes(self.bytes[at..at + 4].try_into().unwrap_or([0; 4])) as i64,
            _ => i64::from_ne_bytes(self.bytes[at..at + 8].try_into().unwrap_or([0; 8])),
        }
    }
}

impl Table {
    /// True for the two dict layouts.
    pub(super) fn is_dict(&self) -> bool {
        matches!(self.kind, Kind::Dict | Kind::StrDict)
    }

    /// The first `len` (at most `usable`) entry slots, if the table has the layout `kind`.
    ///
    /// # Safety
    /// `S` is the slot type of `kind` ([`Slot`] or [`StrSlot`]).
    unsafe fn slots_as<S>(&self, kind: Kind, len: usize) -> &[S] {
        match &self.buffer {
            Some(buffer) if self.kind == kind => {
                debug_assert!(len <= usable(self.log2_size));
                // SAFETY: the first `usable(log2_size)` slots are initialised values of the
                // kind's slot type (module invariants; `S` is it by contract), borrowed with
                // `self`.
                unsafe { std::slice::from_raw_parts(buffer.start().cast::<S>().as_ptr(), len) }
            }
            _ => &[],
        }
    }

    /// [`Table::slots_as`], mutable.
    ///
    /// # Safety
    /// As for [`Table::slots_as`].
    unsafe fn slots_as_mut<S>(&mut self, kind: Kind, len: usize) -> &mut [S] {
        match &mut self.buffer {
            Some(buffer) if self.kind == kind => {
                debug_assert!(len <= usable(self.log2_size));
                // SAFETY: as in `slots_as`, borrowed mutably with `self`.
                unsafe { std::slice::from_raw_parts_mut(buffer.start().cast::<S>().as_ptr(), len) }
            }
            _ => &mut [],
        }
    }

    /// The first `len` (at most `usable`) entry slots of a general dict.
    fn general_slots(&self, len: usize) -> &[Slot] {
        // SAFETY: `Slot` is the slot type of `Dict`.
        unsafe { self.slots_as(Kind::Dict, len) }
    }

    /// [`Table::general_slots`], mutable.
    fn general_slots_mut(&mut self, len: usize) -> &mut [Slot] {
        // SAFETY: `Slot` is the slot type of `Dict`.
        unsafe { self.slots_as_mut(Kind::Dict, len) }
    }

    /// The first `len` (at most `usable`) entry slots of a str-keyed dict.
    fn str_slots(&self, len: usize) -> &[StrSlot] {
        // SAFETY: `StrSlot` is the slot type of `StrDict`.
        unsafe { self.slots_as(Kind::StrDict, len) }
    }

    /// [`Table::str_slots`], mutable.
    fn str_slots_mut(&mut self, len: usize) -> &mut [StrSlot] {
        // SAFETY: `StrSlot` is the slot type of `StrDict`.
        unsafe { self.slots_as_mut(Kind::StrDict, len) }
    }

    /// Entries appended since the last resize (holes included): `dk_nentries`.
    pub(super) fn dict_len(&self) -> usize {
        if self.is_dict() {
            self.fill as usize
        } else {
            0
        }
    }

    /// The live entry at `position`, if any.
    #[inline]
    pub(super) fn dict_entry(&self, position: usize) -> Option<EntryRef<'_>> {
        let len = self.dict_len();
        match self.kind {
            Kind::Dict => self
                .general_slots(len)
                .get(position)?
                .as_ref()
                .map(|e| EntryRef {
                    hash: e.hash,
                    key: &e.key,
                    value: &e.value,
                }),
            Kind::StrDict => self
                .str_slots(len)
                .get(position)?
                .as_ref()
                .map(|e| EntryRef {
                    hash: str_hash(&e.key),
                    key: &e.key,
                    value: &e.value,
                }),
            Kind::Set => None,
        }
    }

    /// The value of the live entry at `position`: [`Table::dict_entry`] without the key's
    /// hash (which a str-keyed dict reads from the key).
    #[inline]
    pub(super) fn dict_value(&self, position: usize) -> Option<&PyRef> {
        let len = self.dict_len();
        match self.kind {
            Kind::Dict => Some(&self.general_slots(len).get(position)?.as_ref()?.value),
            Kind::StrDict => Some(&self.str_slots(len).get(position)?.as_ref()?.value),
            Kind::Set => None,
        }
    }

    /// The value of the live entry at `position`, mutable.
    pub(super) fn dict_value_mut(&mut self, position: usize) -> Option<&mut PyRef> {
        let len = self.dict_len();
        match self.kind {
            Kind::Dict => Some(
                &mut self
                    .general_slots_mut(len)
                    .get_mut(position)?
                    .as_mut()?
                    .value,
            ),
            Kind::StrDict => Some(&mut self.str_slots_mut(len).get_mut(position)?.as_mut()?.value),
            Kind::Set => None,
        }
    }

    /// Takes the live entry at `position` out, leaving a hole (the index is not touched).
    pub(super) fn dict_take(&mut self, position: usize) -> Option<Entry> {
        let len = self.dict_len();
        match self.kind {
            Kind::Dict => self.general_slots_mut(len).get_mut(position)?.take(),
            Kind::StrDict => {
                let StrEntry { key, value } = self.str_slots_mut(len).get_mut(position)?.take()?;
                let hash = str_hash(&key);
                Some(Entry { hash, key, value })
            }
            Kind::Set => None,
        }
    }

    /// Writes `entry` into the free entry slot `position` (below `usable`).
    fn dict_put(&mut self, position: usize, entry: Entry) {
        match self.kind {
            Kind::Dict => self.general_slots_mut(position + 1)[position] = Some(entry),
            Kind::StrDict => {
                let Entry { key, value, .. } = entry;
                self.str_slots_mut(position + 1)[position] = Some(StrEntry { key, value });
            }
            Kind::Set => unreachable!("dict_put on a set table"),
        }
    }

    /// Where the index starts in the block: after the entries.
    fn index_offset(&self) -> usize {
        usable(self.log2_size) * entry_size(self.kind)
    }

    /// The index, read-only.
    fn index(&self) -> IndexView<'_> {
        let width = index_width(self.log2_size);
        let Some(buffer) = &self.buffer else {
            return IndexView { bytes: &[], width };
        };
        let len = self.size() * width;
        // SAFETY: the index is `len` initialised bytes at `index_offset()` inside the block
        // (module invariants), borrowed with `self`.
        let bytes = unsafe {
            std::slice::from_raw_parts(buffer.start().as_ptr().add(self.index_offset()), len)
        };
        IndexView { bytes, width }
    }

    /// The index bytes, mutable.
    fn index_bytes_mut(&mut self) -> &mut [u8] {
        let offset = self.index_offset();
        let len = self.size() * index_width(self.log2_size);
        let Some(buffer) = &mut self.buffer else {
            return &mut [];
        };
        // SAFETY: as in `index`, borrowed mutably with `self`.
        unsafe { std::slice::from_raw_parts_mut(buffer.start().as_ptr().add(offset), len) }
    }

    /// Sets the index at slot `i` (`dictkeys_set_index`).
    fn set_index(&mut self, i: usize, ix: i64) {
        let width = index_width(self.log2_size);
        let bytes = &mut self.index_bytes_mut()[width * i..width * (i + 1)];
        match width {
            1 => bytes.copy_from_slice(&(ix as i8).to_ne_bytes()),
            2 => bytes.copy_from_slice(&(ix as i16).to_ne_bytes()),
            4 => bytes.copy_from_slice(&(ix as i32).to_ne_bytes()),
            _ => bytes.copy_from_slice(&ix.to_ne_bytes()),
        }
    }

    /// Calls `visit(position, key)` for the live entries with this hash on its probe
    /// sequence, until it returns true or the sequence meets an empty slot (`lookdict`).
    pub(super) fn dict_probe_hash(&self, hash: i64, visit: impl FnMut(usize, &PyRef) -> bool) {
        if self.buffer.is_none() {
            return;
        }
        let len = self.dict_len();
        match self.kind {
            Kind::StrDict => self.probe_slots(self.str_slots(len), hash, visit, |e| {
                (str_hash(&e.key), &e.key)
            }),
            _ => self.probe_slots(self.general_slots(len), hash, visit, |e| (e.hash, &e.key)),
        }
    }

    /// [`Table::dict_probe_hash`] over the entry slots of one layout; `parts` gives an
    /// entry's hash and key.
    #[inline(always)]
    fn probe_slots<E>(
        &self,
        slots: &[Option<E>],
        hash: i64,
        mut visit: impl FnMut(usize, &PyRef) -> bool,
        parts: impl Fn(&E) -> (i64, &PyRef),
    ) {
        let index = self.index();
        for i in probe(hash, self.size() - 1) {
            let ix = index.get(i);
            if ix == EMPTY {
                return;
            }
            let Some(Some(entry)) = slots.get(ix as usize) else {
                continue; // a deleted slot (-2 is far past any entry)
            };
            let (entry_hash, key) = parts(entry);
            if entry_hash == hash && visit(ix as usize, key) {
                return;
            }
        }
    }

    /// The first slot on `hash`'s probe sequence with no live entry (`find_empty_slot`).
    fn find_free_index(&self, hash: i64) -> usize {
        let index = self.index();
        probe(hash, self.size() - 1)
            .find(|&i| index.get(i) < 0)
            .unwrap_or(0)
    }

    /// Appends a key known to be absent (`insertdict` on a miss): an empty dict gets 8 slots
    /// (str-keyed if the key is a str); a str-keyed one given another key becomes general;
    /// a full one grows (`insertion_resize`).
    pub(super) fn dict_insert(&mut self, hash: i64, key: PyRef, value: PyRef) {
        let str_key = is_exact_str(&key);
        if self.buffer.is_none() {
            let kind = if str_key { Kind::StrDict } else { Kind::Dict };
            self.dict_resize(LOG2_MIN_SIZE, kind);
        } else if self.kind == Kind::StrDict && !str_key {
            self.dict_resize(log2_for(self.used as usize * 3), Kind::Dict);
        } else if self.spare == 0 {
            let log2 = log2_for(self.used as usize * 3);
            let kind = match self.kind {
                Kind::StrDict if log2 > LOG2_MAX_STR_ENTRIES => Kind::Dict,
                kind => kind,
            };
            self.dict_resize(log2, kind);
        }
        let slot = self.find_free_index(hash);
        let position = self.fill as usize;
        self.dict_put(position, Entry { hash, key, value });
        self.set_index(slot, position as i64);
        self.used += 1;
        self.fill += 1;
        self.spare -= 1;
    }

    /// Moves the live entries, in order, into a new table of `1 << log2` slots of `kind`
    /// (`dictresize`).
    fn dict_resize(&mut self, log2: u8, kind: Kind) {
        let capacity = usable(log2);
        let capacity = u32::try_from(capacity)
            .unwrap_or_else(|_| panic!("a dict of {capacity} entries does not fit in memory"));
        let mut new = Table {
            buffer: Some(Buffer::alloc(layout(log2, kind))),
            used: self.used,
            fill: 0,
            spare: capacity,
            log2_size: log2,
            kind,
            watched: std::cell::Cell::new(self.watched.get()),
        };
        new.dict_init_empty();
        for position in 0..self.dict_len() {
            let Some(entry) = self.dict_take(position) else {
                continue;
            };
            let slot = new.find_free_index(entry.hash);
            let at = new.fill as usize;
            new.dict_put(at, entry);
            new.set_index(slot, at as i64);
            new.fill += 1;
            new.spare -= 1;
        }
        std::mem::swap(self, &mut new);
        // `new` now holds the old buffer, every entry taken out: dropping it frees the block.
    }

    /// Writes a fresh buffer's contents: no entry, every index slot empty.
    fn dict_init_empty(&mut self) {
        let capacity = usable(self.log2_size);
        if let Some(buffer) = &self.buffer {
            for i in 0..capacity {
                // SAFETY: slot `i < usable` is inside the block and suitably aligned for the
                // kind's slot type (`layout`); writing does not read the uninitialised memory.
                unsafe {
                    match self.kind {
                        Kind::StrDict => {
                            buffer.start().cast::<StrSlot>().as_ptr().add(i).write(None)
                        }
                        _ => buffer.start().cast::<Slot>().as_ptr().add(i).write(None),
                    }
                }
            }
        }
        self.index_bytes_mut().fill(0xFF); // -1 at every width
    }

    /// Marks the index slot of entry `position` deleted.
    fn forget_index_of(&mut self, position: usize, hash: i64) {
        let wanted = position as i64;
        let found = probe(hash, self.size() - 1)
            .find(|&i| matches!(self.index().get(i), ix if ix == wanted || ix == EMPTY));
        if let Some(slot) = found.filter(|&i| self.index().get(i) == wanted) {
            self.set_index(slot, DUMMY);
        }
    }

    /// Removes the entry at `position` (`delitem_common`): its slot becomes a hole.
    pub(super) fn dict_remove(&mut self, position: usize) -> Option<Entry> {
        let entry = self.dict_take(position)?;
        self.forget_index_of(position, entry.hash);
        self.used -= 1;
        Some(entry)
    }

    /// Removes the last live entry (`dict.popitem`); the entries after it are all holes, and
    /// the next insertion reuses its place (`dk_nentries = i`).
    pub(super) fn dict_pop_last(&mut self) -> Option<Entry> {
        let position = (0..self.dict_len())
            .rev()
            .find(|&i| self.dict_entry(i).is_some())?;
        let entry = self.dict_remove(position)?;
        self.fill = position as u32;
        Some(entry)
    }

    /// Drops the entries in insertion order and frees the block (`free_keys_object`).
    pub(super) fn dict_free(&mut self) {
        let Some(buffer) = self.buffer.take() else {
            return;
        };
        for i in 0..usable(self.log2_size) {
            // SAFETY: each of the `usable` slots is initialised with the kind's slot type
            // (invariants) and read out once; the buffer is no longer reachable from `self`.
            unsafe {
                match self.kind {
                    Kind::StrDict => drop(buffer.start().cast::<StrSlot>().as_ptr().add(i).read()),
                    _ => drop(buffer.start().cast::<Slot>().as_ptr().add(i).read()),
                }
            }
        }
        // SAFETY: allocated with this layout (invariants); every slot was moved out.
        unsafe { buffer.free(layout(self.log2_size, self.kind)) };
        self.used = 0;
        self.fill = 0;
        self.spare = 0;
    }

    /// Bytes of the buffer: entries and index, or slots.
    pub(super) fn buffer_bytes(&self) -> usize {
        match (&self.buffer, self.kind) {
            (None, _) => 0,
            (Some(_), Kind::Set) => super::open::layout(self.log2_size).size(),
            (Some(_), kind) => layout(self.log2_size, kind).size(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{log2_for, usable};

    #[test]
    fn sizes_follow_cpython() {
        assert_eq!(usable(3), 5);
        assert_eq!(usable(4), 10);
        assert_eq!(log2_for(8), 3);
        assert_eq!(log2_for(3), 4); // (3 | 8) - 1 = 10: CPython rounds up to 16 here
        assert_eq!(log2_for(15), 4);
        assert_eq!(log2_for(17), 5);
    }
}
