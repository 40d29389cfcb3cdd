//! Tails: bytes after a sized payload in the same block, as CPython's variable-size objects
//! keep a tuple's items or an instance's attribute values right after their header.
//!
//! ```text
//!  [ links? ][ word | vtable ][ payload: T ][ tail: tail_size() bytes ]
//!                              ^ Gc<T> points at the header; `init` gets the tail's address
//! ```
//!
//! The payload says how big its tail is ([`Trace::tail_size`]), so the handle stays one word
//! and no length is stored twice. What lives in the tail is the payload's business: it
//! keeps a pointer to it (given to `init`, with the provenance of the whole block), reads
//! and writes it, traces the handles there and drops them in its `Drop`.
//!
//! Two rules keep this sound:
//! - the payload never leaves its block: [`Gc::get_mut`] and [`Gc::try_unwrap`] (which
//!   could swap or move it away from its tail) refuse `HAS_TAIL` types at compile time;
//! - the block is freed with the size the payload reported, asked while it is live. When
//!   the payload is dropped its tail size is first written over its dead first word, where
//!   freeing the block later (a torn-down object outlives its payload) reads it back.
//!
//! Only objects allocated with a tail are asked (their header says so): a value of the same
//! type allocated by value (`Gc::new`) is freed with the vtable's size whatever it claims,
//! and objects without a tail pay nothing for it.

use std::alloc::Layout;
use std::mem::{align_of, size_of};
use std::ptr::NonNull;

use crate::handle::alloc::alloc_block;
use crate::handle::gc::Gc;
use crate::handle::trace::Trace;
use crate::handle::vtable::{drop_payload, header_size_of, payload, VTableOf};
use crate::heap::{Heap, HeapState};
use crate::object::header::{
    has_flag, header, links_ptr, payload_at, word_whole, Obj, CONTAINER, FINALIZABLE, TAILED,
    TRACKED,
};
use crate::object::list;
use pymm_alloc::AllocError;

/// A payload type that can carry a tail: it has room for the stashed tail size.
struct TailedOf<T>(std::marker::PhantomData<T>);

impl<T: Trace> TailedOf<T> {
    const CHECK: () = assert!(
        T::HAS_TAIL
            && size_of::<T>() >= size_of::<usize>()
            && align_of::<T>() >= align_of::<usize>(),
        "pymm: a payload with a tail sets Trace::HAS_TAIL and is at least a word, word-aligned"
    );
}

/// The tail size of a live payload (the vtable's `tail_size`).
///
/// # Safety
/// `obj` is live, its payload a live `T`.
pub(crate) unsafe fn tail_size_of<T: Trace>(obj: Obj) -> usize {
    // SAFETY: forwarded contract.
    unsafe { (*payload::<T>(obj)).tail_size() }
}

/// Drops a `HAS_TAIL` payload (the vtable's `drop_payload`); for one allocated with a tail
/// (`TAILED`), keeps the tail's size in the dead payload's first word, even if the drop
/// panics.
///
/// # Safety
/// As `drop_payload`: a live `T`, dropped once, with no handle able to reach it.
pub(crate) unsafe fn drop_tailed_payload<T: Trace>(obj: Obj) {
    /// Writes the tail size once the payload is gone (unwinding included) where the payload
    /// was, `T`'s header size after the header.
    struct Stash(Obj, usize, usize);
    impl Drop for Stash {
        fn drop(&mut self) {
            // SAFETY: the payload (at least a word, word-aligned: `TailedOf::CHECK`) is
            // dead, so its bytes are free to hold the size until the block is freed.
            unsafe { payload_at::<usize>(self.0, self.2).write(self.1) };
        }
    }
    // SAFETY: the object is allocated.
    if !has_flag(unsafe { header(obj) }, TAILED) {
        // SAFETY: forwarded contract.
        return unsafe { drop_payload::<T>(obj) };
    }
    // SAFETY: the payload is live.
    let stash = Stash(
        obj,
        unsafe { tail_size_of::<T>(obj) },
        header_size_of::<T>(),
    );
    // SAFETY: forwarded contract.
    unsafe { drop_payload::<T>(obj) };
    drop(stash);
}

impl<T: Trace + 'static> Gc<T> {
    /// Allocates an object whose block has `tail` more bytes after the payload; `init` gets
    /// their address (uninitialised, aligned to `tail.align()`, valid while the object is
    /// allocated) and returns the payload, which owns what it writes there. `container`:
    /// allocate it with collector links and track it (the value's
    /// [`Trace::is_container`]); `Err` without calling `init` when the heap's limit would be
    /// exceeded or memory is exhausted. A panic in `init` frees the block.
    ///
    /// # Safety
    /// For the object's whole life, the payload's [`Trace::tail_size`] returns `tail.size()`,
    /// and its `trace`, `extra_size` and `Drop` treat the tail's contents as its own fields
    /// (visit the handles there, drop them once).
    ///
    /// # Panics
    /// At compile time if `T` does not set `HAS_TAIL` or is smaller than a word; at run time
    /// if `tail.align()` exceeds `T`'s alignment.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace, Tracer};
    /// use std::alloc::Layout;
    /// use std::ptr::NonNull;
    ///
    /// /// Handles kept inline after the payload, like a tuple's items.
    /// struct Row {
    ///     len: usize,
    ///     items: NonNull<Gc<u32>>,
    /// }
    ///
    /// impl Row {
    ///     fn items(&self) -> &[Gc<u32>] {
    ///         // SAFETY: `len` handles were written into the tail, which lives as long as
    ///         // the object (the payload never leaves its block).
    ///         unsafe { std::slice::from_raw_parts(self.items.as_ptr(), self.len) }
    ///     }
    /// }
    ///
    /// impl Drop for Row {
    ///     fn drop(&mut self) {
    ///         let items = std::ptr::slice_from_raw_parts_mut(self.items.as_ptr(), self.len);
    ///         // SAFETY: the tail's handles are dropped once, here.
    ///         unsafe { std::ptr::drop_in_place(items) };
    ///     }
    /// }
    ///
    /// // SAFETY: the trace visits each handle of the tail once; `tail_size` is the size the
    /// // object is allocated with (below) and never changes.
    /// unsafe impl Trace for Row {
    ///     const HAS_TAIL: bool = true;
    ///     fn trace(&self, tracer: &mut Tracer<'_>) {
    ///         self.items().iter().for_each(|item| tracer.visit(item));
    ///     }
    ///     fn tail_size(&self) -> usize {
    ///         self.len * std::mem::size_of::<Gc<u32>>()
    ///     }
    /// }
    ///
    /// let heap = Heap::new();
    /// let one = heap.alloc(1u32);
    /// let values = vec![one.clone(), heap.alloc(2u32)];
    /// let tail = Layout::array::<Gc<u32>>(values.len()).unwrap();
    /// // SAFETY: `init` writes `len` handles and `Row::tail_size` reports their size.
    /// let row = unsafe {
    ///     Gc::try_new_with_tail_in(&heap, tail, true, |tail: NonNull<u8>| {
    ///         let items = tail.cast::<Gc<u32>>();
    ///         let len = values.len();
    ///         for (i, value) in values.into_iter().enumerate() {
    ///             items.as_ptr().add(i).write(value);
    ///         }
    ///         Row { len, items }
    ///     })
    /// }
    /// .expect("room");
    /// assert_eq!(row.items().iter().map(|x| **x).sum::<u32>(), 3);
    /// assert_eq!(pymm::referents(&Gc::to_any(&row)).len(), 2);
    /// assert_eq!(Gc::ref_count(&one), 2);
    /// drop(row);
    /// assert_eq!(Gc::ref_count(&one), 1, "the tail's handles were dropped");
    /// ```
    ///
    /// Such a payload cannot be taken out of its block:
    /// ```compile_fail
    /// # use pymm::{Gc, Trace, Tracer};
    /// struct Tailed(usize);
    /// // SAFETY: owns no handle; never allocated with a tail.
    /// unsafe impl Trace for Tailed {
    ///     const HAS_TAIL: bool = true;
    ///     fn trace(&self, _: &mut Tracer<'_>) {}
    /// }
    /// let gc = Gc::new(Tailed(0));
    /// let _ = Gc::try_unwrap(gc); // error: a payload with a tail never leaves its block
    /// ```
    #[inline]
    pub unsafe fn try_new_with_tail_in(
        heap: &Heap,
        tail: Layout,
        container: bool,
        init: impl FnOnce(NonNull<u8>) -> T,
    ) -> Result<Gc<T>, AllocError> {
        // SAFETY: `heap` keeps its state alive during the call; contract forwarded.
        unsafe { alloc_with_tail(heap.state(), tail, container, init) }
    }
}

/// See [`Gc::try_new_with_tail_in`].
///
/// # Safety
/// `state` is live for the whole call, and the contract of `try_new_with_tail_in`.
/// Inlined into its callers (a str's or tuple's constructor), as `Gc::new`'s path is.
#[inline]
unsafe fn alloc_with_tail<T: Trace + 'static>(
    state: &HeapState,
    tail: Layout,
    container: bool,
    init: impl FnOnce(NonNull<u8>) -> T,
) -> Result<Gc<T>, AllocError> {
    /// Frees the block if `init` unwinds (its payload was never written).
    struct Unborn<'s>(&'s HeapState, NonNull<u8>, Layout, bool);
    impl Drop for Unborn<'_> {
        fn drop(&mut self) {
            let Unborn(state, block, layout, container) = *self;
            if container {
                state.note_young_free();
            }
            // SAFETY: allocated here with `layout`, reachable by no handle, freed once.
            unsafe { state.alloc.dealloc(block, layout) };
            state.live_blocks.set(state.live_blocks.get() - 1);
        }
    }

    let () = TailedOf::<T>::CHECK;
    assert!(
        tail.align() <= align_of::<T>(),
        "pymm: a tail aligned to {} follows a payload aligned to {} only",
        tail.align(),
        align_of::<T>()
    );
    let container = T::MAY_CONTAIN_GC && container;
    let vtable = &VTableOf::<T>::VTABLE;
    let base = vtable.layouts[usize::from(container)];
    let layout = base
        .size()
        .checked_add(tail.size())
        .and_then(|size| Layout::from_size_align(size, base.align()).ok())
        .ok_or(AllocError)?;
    // Tracked only once the payload exists (a collection `init` triggers must not see it).
    let word = if container {
        1 | CONTAINER | TAILED
    } else {
        1 | TAILED
    };
    // SAFETY: forwarded contract; `layout` extends the vtable's by the tail.
    let obj = unsafe { alloc_block(state, vtable, layout, word) }?;
    // SAFETY: the header sits at its vtable offset in the block.
    let block = unsafe {
        NonNull::new_unchecked(
            obj.as_ptr()
                .cast::<u8>()
                .sub(vtable.header_offsets[usize::from(container)]),
        )
    };
    let unborn = Unborn(state, block, layout, container);
    // SAFETY: the tail starts right after the payload, inside the block (`layout`), aligned
    // as `T` (a size is a multiple of the alignment), which is at least `tail.align()`.
    let tail_start = unsafe { NonNull::new_unchecked(payload::<T>(obj).add(1).cast::<u8>()) };
    let value = init(tail_start);
    std::mem::forget(unborn);
    debug_assert_eq!(value.tail_size(), tail.size(), "Trace::tail_size lies");
    // SAFETY: allocated above, not reachable by anything else yet.
    let h = unsafe { header(obj) };
    // The flags are added to the word in a register and the word stored whole: a flag set
    // in memory is a one-byte store, and the next whole read of the word (a deref, a
    // count change) waits for it (see `word_whole`).
    let mut word = word_whole(h);
    if T::HAS_FINALIZER && value.needs_finalizer() {
        word |= FINALIZABLE;
    }
    // SAFETY: the payload slot of the fresh block, suitably aligned.
    unsafe { payload::<T>(obj).write(value) };
    if container {
        word |= TRACKED | state.track_young();
    }
    h.word.set(word);
    if container {
        // Not armed at birth (its decrements are not noted): generation 0 is not quiet.
        state.note_tracked(T::FIXED_EDGES, false);
        // SAFETY: the links were initialised (unlinked) by `alloc_block`.
        unsafe { list::append(links_ptr(obj), &state.gens[0].head) };
    }
    // SAFETY: a fresh object with count 1, payload `T`.
    Ok(unsafe { Gc::from_obj(obj) })
}
