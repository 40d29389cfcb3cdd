//! The tuple's layout: its items inline, in the object's own block, after the `Obj`, as
//! CPython's `PyTupleObject` keeps `ob_item` after its variable-size header.
//!
//! ```text
//!  [ links | header ][ Obj::Tuple: tag, len, items ptr ][ item 0 | item 1 | ... ]
//!                                              '--------^ (the block's tail)
//! ```
//!
//! A 2-tuple is one 64-byte block, as in CPython. The items pointer points into the same
//! block (pymm's tail: `Gc::try_new_with_tail_in`), so a `&TupleItems` reads them without a
//! handle; the payload never leaves its block, so the pointer stays valid.
//!
//! The hash word. Blocks come in 16-byte steps and a tuple's fixed part is a whole number
//! of them, so a tuple of odd length has one word spare after its items: the tail is
//! rounded up to it, and it keeps the tuple's hash once computed (CPython 3.14's
//! `ob_hash`, gh-131525, which made pyperformance's mdp 86% faster), at no cost in memory
//! for the tuples pymm's pools serve (up to 58 items; a larger one of odd length, from the
//! system allocator, takes the word more). A tuple of even length has none and is hashed
//! every time, as CPython 3.11 hashes every tuple.
//!
//! ```text
//!  [ links | header ][ Obj::Tuple ][ item 0 | item 1 | item 2 | hash ]
//! ```

use std::alloc::Layout;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::objects::{Obj, PyRef};
use crate::rt::{AllocError, Gc, Heap};

/// A tuple's items (see the module docs). Packed to 12 bytes so that `Obj` stays two words:
/// the enum's tag fits in front of the length.
#[repr(C, packed(4))]
pub struct TupleItems {
    len: u32,
    items: NonNull<PyRef>,
}

impl TupleItems {
    /// A tuple object holding `items`, in one block of `heap`.
    pub fn alloc(heap: &Heap, items: Vec<PyRef>) -> Result<PyRef, AllocError> {
        let len = u32::try_from(items.len()).map_err(|_| AllocError)?;
        let tail = Layout::array::<PyRef>(tail_words(len)).map_err(|_| AllocError)?;
        // SAFETY: `init` moves the `len` items into the tail, which `Obj::tail_size` reports
        // as `tail_words(len)` words (`TupleItems::tail_size`) for the object's whole life;
        // the items are traced and dropped by `Obj`'s `Trace` and `Drop` through this
        // payload; the hash word, when there is one, holds no handle.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, true, |tail| {
                let first = tail.cast::<PyRef>();
                let mut items = std::mem::ManuallyDrop::new(items);
                std::ptr::copy_nonoverlapping(items.as_ptr(), first.as_ptr(), items.len());
                items.set_len(0);
                std::mem::ManuallyDrop::drop(&mut items);
                let tuple = TupleItems { len, items: first };
                if let Some(word) = tuple.hash_word() {
                    word.write(NO_HASH);
                }
                Obj::Tuple(tuple)
            })
        }
    }

    /// Bytes of the block's tail: the items and the hash word.
    pub(crate) fn tail_size(&self) -> usize {
        tail_words(self.len) * std::mem::size_of::<PyRef>()
    }

    /// The hash word after the items (see the module docs), for a tuple of odd length.
    fn hash_word(&self) -> Option<*mut i64> {
        let len = self.len as usize;
        // SAFETY: an odd-length tuple's tail has `len + 1` words (`tail_words`), and `items`
        // carries the provenance of the whole block (`Gc::try_new_with_tail_in`): the word
        // at `len` is inside the block, aligned as a handle is (8 bytes), and outside every
        // reference the tuple hands out (those cover the items `0..len`).
        (len % 2 == 1).then(|| unsafe { self.items.as_ptr().add(len).cast::<i64>() })
    }

    /// The hash stored by [`TupleItems::keep_hash`], if any.
    #[inline]
    pub fn kept_hash(&self) -> Option<i64> {
        let word = self.hash_word()?;
        // SAFETY: the hash word (see `hash_word`) was written when the tuple was made and is
        // only ever written by `keep_hash`, on this thread, with no reference to it alive.
        let hash = unsafe { word.read() };
        (hash != NO_HASH).then_some(hash)
    }

    /// Keeps `hash` (never -1, which no hash is) for [`TupleItems::kept_hash`]; a tuple of
    /// even length has no room and keeps nothing.
    pub fn keep_hash(&self, hash: i64) {
        if let Some(word) = self.hash_word() {
            // SAFETY: as in `kept_hash`: the word is the tuple's own, no reference to it.
            unsafe { word.write(hash) };
        }
    }

    /// Drops the items, last to first as CPython's `tupledealloc` does (the order in which
    /// `__del__` methods run shows it). Each leaves the tuple before it is dropped, so code
    /// its drop runs never sees a dropped item.
    fn drop_items(&mut self) {
        let items = self.items;
        while self.len > 0 {
            self.len -= 1;
            // SAFETY: item `len` was live and is no longer part of the tuple: dropped once.
            unsafe { std::ptr::drop_in_place(items.as_ptr().add(self.len as usize)) };
        }
    }
}

/// What the hash word holds before a hash is kept (-1 is never a hash: CPython's error
/// return, which `hash()` maps to -2).
const NO_HASH: i64 = -1;

/// Words of a tail of `len` items: `len`, and the hash word after an odd number of them.
fn tail_words(len: u32) -> usize {
    len as usize + (len as usize & 1)
}

impl Drop for TupleItems {
    fn drop(&mut self) {
        self.drop_items();
    }
}

impl Deref for TupleItems {
    type Target = [PyRef];

    fn deref(&self) -> &[PyRef] {
        let (items, len) = (self.items, self.len);
        // SAFETY: the first `len` slots of the tail hold live items (see `alloc`); an empty
        // tuple's pointer is aligned and non-null.
        unsafe { std::slice::from_raw_parts(items.as_ptr(), len as usize) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::ListCell;

    #[test]
    fn items_live_in_the_block_and_cycles_through_them_are_collected() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let items: Vec<PyRef> = (0..3).map(|i| Gc::new_in(Obj::Int(i), &heap)).collect();
        let tuple = TupleItems::alloc(&heap, items).expect("room");
        let Obj::Tuple(items) = &*tuple else {
            panic!("a tuple")
        };
        assert_eq!(
            items.iter().map(|v| v.as_i64()).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2)]
        );
        let list = Gc::new_in(Obj::List(ListCell::new(vec![tuple.clone()])), &heap);
        let ring = TupleItems::alloc(&heap, vec![list.clone()]).expect("room");
        if let Obj::List(l) = &*list {
            l.borrow_mut().push(ring.clone());
        }
        drop((tuple, list, ring));
        assert_eq!(heap.collect(2), 3, "the list, the tuple in it and the ring");
        assert_eq!(heap.bytes_in_use(), before);
        let empty = TupleItems::alloc(&heap, Vec::new()).expect("room");
        assert!(matches!(&*empty, Obj::Tuple(t) if t.is_empty()));
    }

    #[test]
    fn odd_lengths_keep_their_hash_in_the_block_s_spare_word() {
        let heap = Heap::new();
        for len in 0..6u32 {
            let items = (0..len)
                .map(|i| Gc::new_in(Obj::Int(i.into()), &heap))
                .collect();
            let before = heap.bytes_in_use();
            let tuple = TupleItems::alloc(&heap, items).expect("room");
            let block = heap.bytes_in_use() - before;
            let Obj::Tuple(t) = &*tuple else {
                panic!("a tuple")
            };
            assert_eq!(t.kept_hash(), None, "nothing kept yet ({len} items)");
            t.keep_hash(12345);
            let kept = (len % 2 == 1).then_some(12345);
            assert_eq!(t.kept_hash(), kept, "{len} items");
            assert_eq!(t.len(), len as usize);
            assert_eq!(t.iter().filter_map(|v| v.as_i64()).count(), len as usize);
            // the word costs no block size: an even-length tuple of one more item takes
            // the same block
            let next = (0..len + 1)
                .map(|i| Gc::new_in(Obj::Int(i.into()), &heap))
                .collect();
            let before = heap.bytes_in_use();
            let longer = TupleItems::alloc(&heap, next).expect("room");
            if len % 2 == 1 {
                assert_eq!(heap.bytes_in_use() - before, block, "{len} items");
            }
            drop(longer);
        }
    }
}
