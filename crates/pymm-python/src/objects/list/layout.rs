//! The list's layout: a borrow flag and a pointer to the item array, inside the `Obj`
//! itself, so that a list is one 48-byte block (CPython: a 56-byte object) plus its items;
//! the array's length and capacity sit in the 8 bytes before the items, as a
//! `PyListObject` keeps `allocated` (here in the buffer rather than the object).
//!
//! ```text
//!  [ links | header ][ Obj::List: tag, borrow, items ptr ]      [ len | cap ][ item 0 | ... ]
//!                                            '---------------------------------^
//! ```
//!
//! [`ListCell`] behaves as a `RefCell<Vec<PyRef>>`: shared borrows read the items as a
//! slice, a mutable borrow lends a real `Vec` (rebuilt from the raw parts, put back when
//! the guard drops), and a conflicting borrow panics (`try_borrow` lets the collector see
//! a list being changed as busy instead).

use std::alloc::Layout;
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use crate::rt::allocator_api2::alloc::{AllocError, Allocator};
use crate::rt::ThreadHeapAllocator;

use crate::objects::PyRef;

/// The vector a mutable borrow lends: its buffer comes from [`ItemArrays`].
pub type ItemVec = crate::rt::allocator_api2::vec::Vec<PyRef, ItemArrays>;

/// Length and capacity of an item array, in the 8 bytes before its first item.
#[repr(C)]
#[derive(Clone, Copy)]
struct ArrayHead {
    len: u32,
    cap: u32,
}

const HEAD: usize = std::mem::size_of::<ArrayHead>();
const _: () = assert!(HEAD == std::mem::align_of::<PyRef>());

/// The allocator of list item arrays: pymm's pools (the thread's default heap, on which the
/// interpreter runs), with room for an [`ArrayHead`] before every array (zero-sized, so a
/// vector built on it is three words).
#[derive(Clone, Copy, Default, Debug)]
pub struct ItemArrays;

impl ItemArrays {
    fn with_head(layout: Layout) -> Result<Layout, AllocError> {
        let size = layout.size().checked_add(HEAD).ok_or(AllocError)?;
        Layout::from_size_align(size, layout.align().max(HEAD)).map_err(|_| AllocError)
    }
}

// SAFETY: every block is a `ThreadHeapAllocator` block `HEAD` bytes larger, handed out `HEAD`
// bytes in (aligned: `HEAD` is the items' alignment and the block is at least as aligned);
// `deallocate` undoes exactly that with the same enlarged layout. Copying the allocator
// (a unit) keeps every block valid.
unsafe impl Allocator for ItemArrays {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let block = ThreadHeapAllocator::new().allocate(Self::with_head(layout)?)?;
        // SAFETY: the block is `HEAD` bytes larger than asked.
        let items = unsafe { block.cast::<u8>().add(HEAD) };
        Ok(NonNull::slice_from_raw_parts(items, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded contract: `ptr` came from `allocate` with `layout`, so the block
        // starts `HEAD` bytes before it and was allocated with the enlarged layout.
        unsafe {
            let layout = Self::with_head(layout).unwrap_unchecked();
            ThreadHeapAllocator::new().deallocate(ptr.sub(HEAD), layout);
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract.
        unsafe { self.resize(ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract.
        unsafe { self.resize(ptr, old, new) }
    }
}

impl ItemArrays {
    /// Grows or shrinks through the heap's `realloc`, which keeps a block that still fits its
    /// size class and moves a large array by remapping its pages (the system allocator's
    /// `realloc`) rather than copying it next to the old one.
    ///
    /// # Safety
    /// As `Allocator::grow`/`shrink`: `ptr` came from this allocator with `old`.
    unsafe fn resize(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let heap = ThreadHeapAllocator::new();
        let (old, new) = (Self::with_head(old)?, Self::with_head(new)?);
        // SAFETY: forwarded contract, shifted to the enlarged blocks as in `deallocate`.
        let block = unsafe {
            if new.size() >= old.size() {
                heap.grow(ptr.sub(HEAD), old, new)?
            } else {
                heap.shrink(ptr.sub(HEAD), old, new)?
            }
        };
        // SAFETY: the block is `HEAD` bytes larger than asked.
        let items = unsafe { block.cast::<u8>().add(HEAD) };
        Ok(NonNull::slice_from_raw_parts(items, new.size() - HEAD))
    }
}

/// A list's items (see the module docs). Packed to 12 bytes so that `Obj` stays two words.
#[repr(C, packed(4))]
pub struct ListCell {
    /// 0: free; > 0: that many shared borrows; -1: mutably borrowed.
    borrow: Cell<i32>,
    /// The first item of the array (its head right before), or `None` for no array.
    items: UnsafeCell<Option<NonNull<PyRef>>>,
}

impl ListCell {
    /// A list cell owning `items`.
    pub fn new(items: Vec<PyRef>) -> ListCell {
        ListCell::owning(moved_array(items))
    }

    /// A list cell holding copies of `items` (a slice `l[i:j]`: one array, filled in place,
    /// as CPython's `list_slice` does).
    pub fn from_slice(items: &[PyRef]) -> ListCell {
        ListCell::owning(cloned_array(&[items]))
    }

    /// A list cell holding copies of `first`'s items and then `second`'s (`a + b`: one
    /// array of the final size, filled in place, as CPython's `list_concat`).
    pub fn from_slices(first: &[PyRef], second: &[PyRef]) -> ListCell {
        ListCell::owning(cloned_array(&[first, second]))
    }

    /// A list cell owning the array `vec`.
    fn owning(vec: ItemVec) -> ListCell {
        let cell = ListCell {
            borrow: Cell::new(0),
            items: UnsafeCell::new(None),
        };
        cell.store(vec);
        cell
    }

    fn items(&self) -> Option<NonNull<PyRef>> {
        // SAFETY: a plain (unaligned: packed) read of the pointer; it is only written by
        // `store`, never while a reference from here is alive.
        unsafe { UnsafeCell::raw_get(std::ptr::addr_of!(self.items)).read_unaligned() }
    }

    fn head(&self) -> ArrayHead {
        match self.items() {
            // SAFETY: an array's head sits right before its first item (see `ItemArrays`).
            Some(items) => unsafe { items.cast::<ArrayHead>().sub(1).read() },
            None => ArrayHead { len: 0, cap: 0 },
        }
    }

    /// Number of items (without borrowing).
    pub fn len(&self) -> usize {
        self.head().len as usize
    }

    /// True when there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of the item array, head included (for `sys.getsizeof`).
    pub fn array_bytes(&self) -> usize {
        match self.head().cap {
            0 => 0,
            cap => HEAD + cap as usize * std::mem::size_of::<PyRef>(),
        }
    }

    /// Takes the vector out of the raw parts (the cell holds no array meanwhile).
    fn load(&self) -> ItemVec {
        let Some(items) = self.items() else {
            return ItemVec::new_in(ItemArrays);
        };
        let head = self.head();
        // SAFETY: `store` wrote these raw parts from a vector of this allocator; the
        // cell forgets them now, so the vector is owned once.
        unsafe {
            UnsafeCell::raw_get(std::ptr::addr_of!(self.items)).write_unaligned(None);
            ItemVec::from_raw_parts_in(
                items.as_ptr(),
                head.len as usize,
                head.cap as usize,
                ItemArrays,
            )
        }
    }

    /// Puts a vector back as raw parts.
    fn store(&self, vec: ItemVec) {
        let (len, cap) = (vec.len(), vec.capacity());
        let (Ok(len32), Ok(cap32)) = (u32::try_from(len), u32::try_from(cap)) else {
            // Four billion items: 32 GiB of references, past what `Vm::reserve` lets a
            // program ask for on any machine it accepts.
            eprintln!("pymm: a list of {len} items (capacity {cap}) is more than a list can hold");
            std::process::abort();
        };
        let (ptr, _, _, _) = vec.into_raw_parts_with_alloc();
        let items = match cap {
            0 => None,
            // SAFETY: a vector with capacity has a non-null buffer from `ItemArrays`, which
            // left room for the head before it.
            _ => unsafe {
                let items = NonNull::new_unchecked(ptr);
                items.cast::<ArrayHead>().sub(1).write(ArrayHead {
                    len: len32,
                    cap: cap32,
                });
                Some(items)
            },
        };
        // SAFETY: as in `load`.
        unsafe { UnsafeCell::raw_get(std::ptr::addr_of!(self.items)).write_unaligned(items) };
    }

    /// Borrows the items for reading; panics if they are mutably borrowed.
    pub fn borrow(&self) -> ListRef<'_> {
        self.try_borrow()
            .unwrap_or_else(|_| panic!("list already mutably borrowed"))
    }

    /// Borrows the items for reading, or `Err` while they are mutably borrowed.
    pub fn try_borrow(&self) -> Result<ListRef<'_>, BorrowError> {
        let count = self.borrow.get();
        if count < 0 || count == i32::MAX {
            return Err(BorrowError);
        }
        self.borrow.set(count + 1);
        Ok(ListRef { cell: self })
    }

    /// Borrows the items as a vector; panics if they are borrowed.
    pub fn borrow_mut(&self) -> ListMut<'_> {
        self.try_borrow_mut()
            .unwrap_or_else(|_| panic!("list already borrowed"))
    }

    /// Borrows the items as a vector, or `Err` while they are borrowed.
    pub fn try_borrow_mut(&self) -> Result<ListMut<'_>, BorrowError> {
        if self.borrow.get() != 0 {
            return Err(BorrowError);
        }
        self.borrow.set(-1);
        Ok(ListMut {
            vec: ManuallyDrop::new(self.load()),
            cell: self,
        })
    }

    /// `list.append`: adds `item` at the end, growing a full array as CPython's
    /// `list_resize` does (by an eighth plus a little, not doubling), so that a list built
    /// by appending carries CPython's slack, not a vector's. Panics if the items are
    /// borrowed.
    pub fn append(&self, item: PyRef) {
        let mut vec = self.borrow_mut();
        let len = vec.len();
        if len == vec.capacity() {
            let wanted = len + 1;
            let mut target = (wanted + (wanted >> 3) + 6) & !3;
            if wanted - len > target - wanted {
                target = (wanted + 3) & !3;
            }
            vec.reserve_exact(target - len);
        }
        vec.push(item);
    }

    /// Replaces the items with `items`; returns the old ones (drop them after any borrow
    /// ends). Panics if the items are borrowed.
    pub fn replace(&self, items: Vec<PyRef>) -> Vec<PyRef> {
        let mut vec = self.borrow_mut();
        let old = std::mem::replace(&mut *vec, moved_array(items));
        old.into_iter().collect()
    }

    /// The items, mutably, through exclusive access.
    pub fn get_mut(&mut self) -> ListMut<'_> {
        self.borrow_mut()
    }
}

impl Drop for ListCell {
    /// Releases the items last to first, as CPython's `list_dealloc` does (the order in
    /// which `__del__` methods run shows it).
    fn drop(&mut self) {
        let mut items = self.load();
        while let Some(item) = items.pop() {
            drop(item);
        }
    }
}

/// The handles of `items` moved into an item array (one copy of the pointers).
fn moved_array(mut items: Vec<PyRef>) -> ItemVec {
    let n = items.len();
    let mut vec = ItemVec::with_capacity_in(n, ItemArrays);
    // SAFETY: the capacity is `n`; the `n` handles change owner: `items` forgets them
    // (length 0) before the array counts them (length `n`).
    unsafe {
        std::ptr::copy_nonoverlapping(items.as_ptr(), vec.as_mut_ptr(), n);
        items.set_len(0);
        vec.set_len(n);
    }
    vec
}

/// One array of copies of the items of `parts`, one after the other: each handle cloned
/// straight into its slot, as CPython's `list_slice`/`list_concat` copy with `Py_INCREF`
/// (an `extend` of a cloning iterator checks the capacity and writes the length back at
/// every item: twice the instructions on `l[c:c+1] + l[0:c] + l[c+1:]`).
fn cloned_array(parts: &[&[PyRef]]) -> ItemVec {
    let n = parts.iter().map(|p| p.len()).sum();
    let mut vec = ItemVec::with_capacity_in(n, ItemArrays);
    let dst = vec.as_mut_ptr();
    let mut at = 0;
    for part in parts {
        for item in *part {
            // SAFETY: `at < n`, the capacity; each slot is written once. A clone cannot
            // unwind (an overflowing count aborts), so no slot is left half-written.
            unsafe { dst.add(at).write(item.clone()) };
            at += 1;
        }
    }
    // SAFETY: the first `n` slots were all written above.
    unsafe { vec.set_len(n) };
    vec
}

/// A conflicting borrow of a list's items.
#[derive(Debug)]
pub struct BorrowError;

/// A shared borrow of a list's items.
pub struct ListRef<'a> {
    cell: &'a ListCell,
}

impl Deref for ListRef<'_> {
    type Target = [PyRef];

    fn deref(&self) -> &[PyRef] {
        match self.cell.items() {
            // SAFETY: `len` live items start there; no mutable borrow exists while this
            // one does, so the array is neither changed nor freed.
            Some(items) => unsafe {
                std::slice::from_raw_parts(items.as_ptr(), self.cell.head().len as usize)
            },
            None => &[],
        }
    }
}

impl Drop for ListRef<'_> {
    fn drop(&mut self) {
        self.cell.borrow.set(self.cell.borrow.get() - 1);
    }
}

/// A mutable borrow of a list's items: a vector, put back when dropped.
pub struct ListMut<'a> {
    vec: ManuallyDrop<ItemVec>,
    cell: &'a ListCell,
}

impl Deref for ListMut<'_> {
    type Target = ItemVec;

    fn deref(&self) -> &ItemVec {
        &self.vec
    }
}

impl DerefMut for ListMut<'_> {
    fn deref_mut(&mut self) -> &mut ItemVec {
        &mut self.vec
    }
}

impl Drop for ListMut<'_> {
    fn drop(&mut self) {
        // SAFETY: taken once, here; the guard is not used again.
        let vec = unsafe { ManuallyDrop::take(&mut self.vec) };
        self.cell.store(vec);
        self.cell.borrow.set(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::Obj;
    use crate::rt::{Gc, Heap};

    fn ints(heap: &Heap, n: i64) -> Vec<PyRef> {
        (0..n).map(|i| Gc::new_in(Obj::Int(i), heap)).collect()
    }

    fn values(cell: &ListCell) -> Vec<i64> {
        cell.borrow().iter().map(|v| v.as_i64().unwrap()).collect()
    }

    #[test]
    fn items_grow_shrink_and_read_back() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let cell = ListCell::new(ints(&heap, 3));
        assert_eq!(values(&cell), [0, 1, 2]);
        cell.borrow_mut().extend(ints(&heap, 100));
        assert_eq!(cell.len(), 103);
        assert!(cell.array_bytes() >= 8 + 103 * 8);
        cell.borrow_mut().truncate(1);
        cell.borrow_mut().shrink_to_fit();
        assert_eq!(values(&cell), [0]);
        let old = cell.replace(Vec::new());
        assert_eq!(old.len(), 1);
        assert!(cell.is_empty());
        assert_eq!(cell.array_bytes(), 0);
        drop(cell);
        drop(old);
        assert_eq!(heap.bytes_in_use(), before);
    }

    #[test]
    fn conflicting_borrows_are_refused() {
        let heap = Heap::new();
        let cell = ListCell::new(ints(&heap, 2));
        let shared = cell.borrow();
        assert!(cell.try_borrow_mut().is_err());
        assert!(cell.try_borrow().is_ok());
        drop(shared);
        let mut vec = cell.borrow_mut();
        assert!(cell.try_borrow().is_err(), "the collector sees a busy list");
        vec.push(Gc::new_in(Obj::None, &heap));
        drop(vec);
        assert_eq!(cell.len(), 3);
    }
}
