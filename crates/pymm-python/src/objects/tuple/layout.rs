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
        let tail = Layout::array::<PyRef>(items.len()).map_err(|_| AllocError)?;
        // SAFETY: `init` moves the `len` items into the tail, which `Obj::tail_size` reports
        // as `len` handles (`TupleItems::tail_size`) for the object's whole life; the items
        // are traced and dropped by `Obj`'s `Trace` and `Drop` through this payload.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, true, |tail| {
                let first = tail.cast::<PyRef>();
                let mut items = std::mem::ManuallyDrop::new(items);
                std::ptr::copy_nonoverlapping(items.as_ptr(), first.as_ptr(), items.len());
                items.set_len(0);
                std::mem::ManuallyDrop::drop(&mut items);
                Obj::Tuple(TupleItems { len, items: first })
            })
        }
    }

    /// Bytes of the block's tail the items take.
    pub(crate) fn tail_size(&self) -> usize {
        self.len as usize * std::mem::size_of::<PyRef>()
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
}
