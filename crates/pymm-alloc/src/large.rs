//! Large blocks: size 0, more than 512 bytes, or alignment above 16 — served by the system
//! allocator (CPython's `PyMem_RawMalloc` fallback) with a small prefix. It is `System`
//! itself, not the program's global allocator: a large block is the heap's memory, counted in
//! its statistics, and a global allocator that counts what lives outside the heap must not
//! see it a second time.
//!
//! ```text
//!  base (system allocation, aligned to max(align, 16))
//!  |<---------------- prefix = round_up(48, align) ---------------->|
//!  [ padding ... ][ LargeHeader: prev next owner size align magic ][ user bytes ... ]
//!                                                                   ^ returned pointer
//! ```
//!
//! Invariants:
//! - the header sits immediately before the returned pointer, whatever the alignment, so it is
//!   found from the pointer alone; the prefix depends only on the alignment;
//! - every live large block is on the heap's intrusive list, so `Drop` can free them all and
//!   statistics can count them.

use crate::error::AllocError;
use crate::size_class::{round_up, ALIGNMENT};
use crate::types::{LargeHeader, OwnerCell, LARGE_MAGIC};
use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr::{self, NonNull};

const HEADER: usize = std::mem::size_of::<LargeHeader>();

/// The live large blocks of one heap.
pub(crate) struct LargeBlocks {
    head: *mut LargeHeader,
    owner: *const OwnerCell,
    /// Live large blocks.
    pub count: usize,
    /// Bytes requested by live large blocks.
    pub bytes: usize,
    #[cfg(debug_assertions)]
    live: std::collections::HashSet<usize>,
    #[cfg(debug_assertions)]
    freed: std::collections::HashSet<usize>,
}

/// The system layout behind a large block of `size` bytes aligned to `align`, and the prefix.
fn system_layout(size: usize, align: usize) -> Result<(Layout, usize), AllocError> {
    let align = align.max(ALIGNMENT);
    let prefix = round_up(HEADER, align);
    let total = prefix.checked_add(size).ok_or(AllocError)?;
    let layout = Layout::from_size_align(total, align).map_err(|_| AllocError)?;
    Ok((layout, prefix))
}

/// The header of a large block.
///
/// The result takes the system allocation's provenance, exposed when it was made: a block
/// pointer handed back by a program may only cover the block, not the header before it.
pub(crate) fn header_of(block: *mut u8) -> *mut LargeHeader {
    std::ptr::with_exposed_provenance_mut(block.addr().wrapping_sub(HEADER))
}

/// The start of the system allocation of a large block whose prefix is `prefix` bytes, with
/// the provenance exposed when it was made (see `header_of`).
fn base_of(block: *mut u8, prefix: usize) -> *mut u8 {
    std::ptr::with_exposed_provenance_mut(block.addr() - prefix)
}

impl LargeBlocks {
    /// No blocks yet.
    pub fn new(owner: *const OwnerCell) -> LargeBlocks {
        LargeBlocks {
            head: ptr::null_mut(),
            owner,
            count: 0,
            bytes: 0,
            #[cfg(debug_assertions)]
            live: Default::default(),
            #[cfg(debug_assertions)]
            freed: Default::default(),
        }
    }

    /// Allocates a large block for `layout`.
    pub fn alloc(&mut self, layout: Layout) -> Result<NonNull<u8>, AllocError> {
        let (system, prefix) = system_layout(layout.size(), layout.align())?;
        // SAFETY: `system` has a non-zero size (the prefix alone is 48 bytes).
        let base = crate::os::expose(unsafe { System.alloc(system) });
        if base.is_null() {
            return Err(AllocError);
        }
        // SAFETY: `prefix <= system.size()`; the header lies inside the prefix.
        let block = unsafe { base.add(prefix) };
        // SAFETY: the header slot is inside our fresh allocation and 8-aligned.
        unsafe {
            header_of(block).write(LargeHeader {
                prev: ptr::null_mut(),
                next: ptr::null_mut(),
                owner: self.owner,
                size: layout.size(),
                align: layout.align(),
                magic: LARGE_MAGIC,
            });
            self.link(header_of(block));
        }
        self.count += 1;
        self.bytes += layout.size();
        #[cfg(debug_assertions)]
        self.track_alloc(block);
        // SAFETY: derived from a non-null allocation by an in-bounds offset.
        Ok(unsafe { NonNull::new_unchecked(block) })
    }

    /// Frees a large block.
    ///
    /// # Safety
    /// `block` is a live large block of this heap allocated with `layout`.
    pub unsafe fn dealloc(&mut self, block: NonNull<u8>, layout: Layout) {
        #[cfg(debug_assertions)]
        self.track_free(block.as_ptr(), layout);
        let (system, prefix) =
            system_layout(layout.size(), layout.align()).expect("a live block's layout is valid");
        // SAFETY: per the contract the header is live and on our list; the base and system
        // layout are those the block was allocated with.
        unsafe {
            self.unlink(header_of(block.as_ptr()));
            (*header_of(block.as_ptr())).magic = 0;
            System.dealloc(base_of(block.as_ptr(), prefix), system);
        }
        self.count -= 1;
        self.bytes -= layout.size();
    }

    /// Resizes a large block with the system `realloc` (the block may move).
    ///
    /// # Safety
    /// As for [`dealloc`](Self::dealloc); on `Ok` the old pointer must not be used.
    pub unsafe fn realloc(
        &mut self,
        block: NonNull<u8>,
        old: Layout,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        #[cfg(debug_assertions)]
        self.check_live(block.as_ptr(), old);
        let (system, prefix) = system_layout(old.size(), old.align()).expect("live layout");
        let (new_system, _) = system_layout(new_size, old.align())?;
        let old_header = header_of(block.as_ptr());
        // SAFETY: the block is live with this layout; after a successful realloc only the new
        // address is used: the header moved with the data, so its neighbours are re-pointed.
        unsafe {
            let base = crate::os::expose(System.realloc(
                base_of(block.as_ptr(), prefix),
                system,
                new_system.size(),
            ));
            if base.is_null() {
                return Err(AllocError);
            }
            let moved = base.add(prefix);
            let header = header_of(moved);
            (*header).size = new_size;
            self.repoint_neighbours(old_header, header);
            #[cfg(debug_assertions)]
            {
                // Already checked above; the old header must not be read again.
                self.live.remove(&block.as_ptr().addr());
                self.freed.insert(block.as_ptr().addr());
                self.track_alloc(moved);
            }
            self.bytes = self.bytes - old.size() + new_size;
            Ok(NonNull::new_unchecked(moved))
        }
    }

    /// After a header moved from `old` to `new`, fixes the links that pointed at `old`.
    ///
    /// # Safety
    /// `new` is the live moved header; `old` is only compared, never read.
    unsafe fn repoint_neighbours(&mut self, old: *mut LargeHeader, new: *mut LargeHeader) {
        // SAFETY: the neighbours named by the moved header are live list members.
        unsafe {
            let (prev, next) = ((*new).prev, (*new).next);
            if prev.is_null() {
                debug_assert_eq!(self.head, old);
                self.head = new;
            } else {
                (*prev).next = new;
            }
            if !next.is_null() {
                (*next).prev = new;
            }
        }
    }

    /// # Safety
    /// `header` is a fresh header on no list.
    unsafe fn link(&mut self, header: *mut LargeHeader) {
        // SAFETY: `header` and the current head are live.
        unsafe {
            (*header).next = self.head;
            if !self.head.is_null() {
                (*self.head).prev = header;
            }
        }
        self.head = header;
    }

    /// # Safety
    /// `header` is on this list.
    unsafe fn unlink(&mut self, header: *mut LargeHeader) {
        // SAFETY: `header` and its neighbours are live list members.
        unsafe {
            let (prev, next) = ((*header).prev, (*header).next);
            if prev.is_null() {
                self.head = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
        }
    }

    #[cfg(debug_assertions)]
    fn track_alloc(&mut self, block: *mut u8) {
        self.freed.remove(&block.addr());
        self.live.insert(block.addr());
    }

    /// Checks `block` like [`check_live`](Self::check_live) and records it as freed.
    #[cfg(debug_assertions)]
    fn track_free(&mut self, block: *mut u8, layout: Layout) {
        self.check_live(block, layout);
        self.live.remove(&block.addr());
        self.freed.insert(block.addr());
    }

    /// Panics with a clear message unless `block` is a live large block of this heap with
    /// `layout`. Reads the header only once the block is known to be live.
    #[cfg(debug_assertions)]
    fn check_live(&self, block: *mut u8, layout: Layout) {
        if !self.live.contains(&block.addr()) {
            if self.freed.contains(&block.addr()) {
                panic!("pymm-alloc: double free of large block {block:p}");
            }
            panic!(
                "pymm-alloc: dealloc of {block:p}, which is not a live large block of this heap \
                 (foreign pointer, or a layout that does not match the allocation)"
            );
        }
        // SAFETY: the block is live, so its header is initialised.
        let header = unsafe { &*header_of(block) };
        assert_eq!(
            header.magic, LARGE_MAGIC,
            "pymm-alloc: large block {block:p} header corrupted"
        );
        assert!(
            header.size == layout.size() && header.align == layout.align(),
            "pymm-alloc: dealloc of {block:p} with size {} align {}, but it was allocated with \
             size {} align {}: layout does not match the allocation",
            layout.size(),
            layout.align(),
            header.size,
            header.align
        );
    }
}

impl Drop for LargeBlocks {
    fn drop(&mut self) {
        while !self.head.is_null() {
            let header = self.head;
            // SAFETY: every header on the list is live and records its size and alignment;
            // the heap is going away so no block is used again.
            unsafe {
                self.head = (*header).next;
                let (system, prefix) =
                    system_layout((*header).size, (*header).align).expect("live layout");
                let block = header.cast::<u8>().add(HEADER);
                System.dealloc(block.sub(prefix), system);
            }
        }
    }
}
