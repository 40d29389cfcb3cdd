//! [`HeapAllocator`]: a heap's allocator for the buffers its objects own (a list's item
//! array, a hash table), as CPython sends `PyMem_Malloc` to the same pools as its objects.
//!
//! Buffers allocated through it come from the heap's pymm-alloc pools (large ones from the
//! system allocator, as for objects), count against the heap's limit and show in its
//! statistics, so that a runtime's memory is accounted for in one place. It implements
//! `allocator_api2`'s `Allocator`, so the collections of `allocator-api2` and `hashbrown`
//! take it as a parameter.
//!
//! ```
//! use allocator_api2::vec::Vec;
//! use pymm::Heap;
//!
//! let heap = Heap::new();
//! let before = heap.bytes_in_use();
//! let mut items: Vec<u64, _> = Vec::new_in(heap.allocator());
//! items.extend(0..100);
//! assert!(heap.bytes_in_use() >= before + 800);
//! drop(items);
//! assert_eq!(heap.bytes_in_use(), before);
//! ```

use std::alloc::Layout;
use std::ptr::NonNull;

use allocator_api2::alloc::{AllocError, Allocator};

use crate::heap::{Heap, HeapState};

/// A handle to a heap's allocator (see the module docs). Cheap to clone; `!Send`, like the
/// heap. It keeps the heap's memory (not its objects) alive: a buffer may outlive the last
/// [`Heap`] handle, and is still freed into the right pools.
///
/// ```
/// use pymm::Heap;
/// let heap = Heap::new();
/// let allocator = heap.allocator();
/// drop(heap); // the allocator keeps the heap's memory alive
/// let mut buffer = allocator_api2::vec::Vec::new_in(allocator);
/// buffer.push(1u32);
/// assert_eq!(buffer[0], 1);
/// ```
pub struct HeapAllocator {
    state: NonNull<HeapState>,
}

impl Heap {
    /// The heap's allocator for side buffers (see [`HeapAllocator`]).
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// let mut table = allocator_api2::vec::Vec::<u8, _>::with_capacity_in(64, heap.allocator());
    /// table.extend_from_slice(b"bytes");
    /// assert!(heap.bytes_in_use() >= 64);
    /// ```
    pub fn allocator(&self) -> HeapAllocator {
        HeapAllocator::pin(self.state())
    }
}

impl HeapAllocator {
    fn pin(state: &HeapState) -> HeapAllocator {
        state.pins.set(state.pins.get() + 1);
        HeapAllocator {
            // SAFETY: the raw state pointer is never null.
            state: unsafe { NonNull::new_unchecked(state.raw().cast_mut()) },
        }
    }

    fn state(&self) -> &HeapState {
        // SAFETY: a pin keeps the state allocated.
        unsafe { self.state.as_ref() }
    }

    fn heap(&self) -> &pymm_alloc::Heap {
        &self.state().alloc
    }
}

impl Clone for HeapAllocator {
    fn clone(&self) -> HeapAllocator {
        HeapAllocator::pin(self.state())
    }
}

impl Drop for HeapAllocator {
    fn drop(&mut self) {
        let state = self.state();
        state.pins.set(state.pins.get() - 1);
        // SAFETY: not used after this (it may be freed).
        unsafe { HeapState::release_if_unused(self.state.as_ptr()) };
    }
}

impl std::fmt::Debug for HeapAllocator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeapAllocator")
            .field("bytes_in_use", &self.heap().bytes_handed_out())
            .finish()
    }
}

// SAFETY: blocks come from the heap's pymm-alloc heap, valid for their layout until freed
// through any clone of this allocator (all clones share that heap, which the pins keep
// alive); `grow`/`shrink` keep the contents as pymm-alloc's `realloc` does.
unsafe impl Allocator for HeapAllocator {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let block = self.heap().alloc(layout).map_err(|_| AllocError)?;
        Ok(NonNull::slice_from_raw_parts(block, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded contract: allocated here with `layout`.
        unsafe { self.heap().dealloc(ptr, layout) }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract.
        unsafe { resize_in(self.heap(), ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract.
        unsafe { resize_in(self.heap(), ptr, old, new) }
    }
}

/// `grow` and `shrink` in `heap`: pymm-alloc's `realloc` (in place within a size class) when
/// the alignment stays, else a new block and a copy.
///
/// # Safety
/// `ptr` is a live block of `heap` allocated with `old`.
unsafe fn resize_in(
    heap: &pymm_alloc::Heap,
    ptr: NonNull<u8>,
    old: Layout,
    new: Layout,
) -> Result<NonNull<[u8]>, AllocError> {
    let block = if new.align() == old.align() {
        // SAFETY: forwarded contract.
        unsafe { heap.realloc(ptr, old, new.size()) }.map_err(|_| AllocError)?
    } else {
        let block = heap.alloc(new).map_err(|_| AllocError)?;
        // SAFETY: both blocks are live and distinct; the smaller size is in bounds of
        // both; then the old block is freed once.
        unsafe {
            let n = old.size().min(new.size());
            std::ptr::copy_nonoverlapping(ptr.as_ptr(), block.as_ptr(), n);
            heap.dealloc(ptr, old);
        }
        block
    };
    Ok(NonNull::slice_from_raw_parts(block, new.size()))
}

/// The allocator of the thread's default heap ([`Heap::thread_default`]) for side buffers,
/// zero-sized: a collection that holds it costs no word for it, so a `Box<T,
/// ThreadHeapAllocator>` is one pointer, as the payload of a one-word object needs.
///
/// Blocks are taken from the default heap of the thread that allocates and freed into the
/// heap that owns them (found from the block itself), so a buffer may be freed at any time,
/// even after the default heap was shut down; each live block keeps its heap's memory alive,
/// as a [`HeapAllocator`] does. `!Send`, like the heaps: a buffer never leaves its thread.
///
/// ```
/// use allocator_api2::boxed::Box;
/// use allocator_api2::vec::Vec;
/// use pymm::{Heap, ThreadHeapAllocator};
///
/// let heap = Heap::thread_default();
/// let before = heap.bytes_in_use();
/// let mut table: Vec<u64, _> = Vec::with_capacity_in(8, ThreadHeapAllocator::new());
/// table.extend(0..8);
/// assert_eq!(heap.bytes_in_use(), before + 64);
/// let boxed = Box::new_in(table, ThreadHeapAllocator::new());
/// assert_eq!(std::mem::size_of_val(&boxed), std::mem::size_of::<usize>());
/// drop(boxed);
/// assert_eq!(heap.bytes_in_use(), before);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThreadHeapAllocator(std::marker::PhantomData<*const ()>);

impl ThreadHeapAllocator {
    /// The allocator (all values are the same one).
    pub const fn new() -> ThreadHeapAllocator {
        ThreadHeapAllocator(std::marker::PhantomData)
    }

    /// The heap state that owns `ptr`.
    ///
    /// # Safety
    /// `ptr` is a live block allocated by this allocator with `layout`.
    unsafe fn owner(ptr: NonNull<u8>, layout: Layout) -> *const HeapState {
        // SAFETY: forwarded contract; every heap's owner tag is its state's address.
        unsafe { pymm_alloc::owner_tag(ptr, layout).cast() }
    }
}

// SAFETY: blocks come from a pymm-alloc heap and are freed or resized in the heap that owns
// them (its owner tag, read from the block), whose state each live block pins; `grow` and
// `shrink` keep the contents as pymm-alloc's `realloc` does.
unsafe impl Allocator for ThreadHeapAllocator {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let state = crate::handle::alloc::thread_default_state();
        let block = state.alloc.alloc(layout).map_err(|_| AllocError)?;
        state.pins.set(state.pins.get() + 1);
        Ok(NonNull::slice_from_raw_parts(block, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: forwarded contract; the block's pin keeps its state allocated until here.
        unsafe {
            let raw = Self::owner(ptr, layout);
            let state = &*raw;
            state.alloc.dealloc(ptr, layout);
            state.pins.set(state.pins.get() - 1);
            HeapState::release_if_unused(raw);
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract; the block's pin keeps its state allocated.
        unsafe { resize_in(&(*Self::owner(ptr, old)).alloc, ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract; the block's pin keeps its state allocated.
        unsafe { resize_in(&(*Self::owner(ptr, old)).alloc, ptr, old, new) }
    }
}
