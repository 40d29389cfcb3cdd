//! Unsized payloads: `Gc<[T]>` and `Gc<str>`, one block each (header, length, elements), as
//! CPython's variable-size objects (`PyObject_VAR_HEAD`: a tuple's items, a str's text).
//!
//! ```text
//!  [ links? ][ word | vtable ][ len | pad ][ elem 0 | elem 1 | ... ]
//!            ^ Gc points here  ^ SliceHead  ^ items: aligned for the element type
//! ```
//!
//! The handle stays one word: the length lives in the block, and the vtable of the
//! element type (one per `[T]`, one for `str`) says how big an element is, so that the
//! block's size can be found again when it is freed (`header::block_of`).
//!
//! ```
//! use pymm::{Gc, Heap};
//!
//! let heap = Heap::new();
//! let items: Gc<[u32]> = Gc::from_vec_in(vec![1, 2, 3], &heap);
//! assert_eq!(&items[..], &[1, 2, 3]);
//! let name: Gc<str> = Gc::from_str_in("pymm", &heap);
//! assert_eq!(&*name, "pymm");
//! assert_eq!(name.len(), 4);
//!
//! // A slice of handles is a container: the collector sees its elements.
//! let shared = heap.alloc(7u64);
//! let handles: Gc<[Gc<u64>]> = Gc::from_vec_in(vec![shared.clone(), shared.clone()], &heap);
//! assert!(Gc::is_tracked(&handles));
//! assert_eq!(Gc::ref_count(&shared), 3);
//! ```

use std::alloc::Layout;
use std::any::TypeId;
use std::mem::{align_of, size_of};
use std::ptr::NonNull;

use crate::handle::alloc::{alloc_block, thread_default_state};
use crate::handle::gc::{out_of_memory, Gc};
use crate::handle::trace::{Trace, Tracer};
use crate::heap::dealloc::{
    destroy_by_layout, drop_then_free_block, free_block_by_layout, teardown_step_with,
};
use crate::heap::{Heap, HeapState};
use crate::object::header::{
    block_layout, header_offset, links_ptr, max, payload_at, ErasedHeapState, Header, Obj, VTable,
    CONTAINER, HEADER_SIZE, TRACKED,
};
use crate::object::list;
use crate::object::trace_entry::ErasedVisitor;
use pymm_alloc::AllocError;

mod sealed {
    pub trait Sealed {}
    impl<T> Sealed for T {}
    impl<T> Sealed for [T] {}
    impl Sealed for str {}
}

/// The payload types a [`Gc`] can hold: every sized type, slices `[T]` and `str`. Sealed:
/// it says where a payload sits in its block and how long it is.
///
/// ```
/// use pymm::{Gc, Payload};
/// fn first_byte<P: ?Sized + Payload + AsRef<[u8]>>(gc: &Gc<P>) -> Option<u8> {
///     (**gc).as_ref().first().copied()
/// }
/// assert_eq!(first_byte(&Gc::<str>::from("hi")), Some(b'h'));
/// assert_eq!(first_byte(&Gc::new(vec![7u8])), Some(7));
/// ```
pub trait Payload: sealed::Sealed {
    /// The payload of a live object whose payload has this type.
    ///
    /// # Safety
    /// `obj` is live, its payload of this type and not torn down.
    #[doc(hidden)]
    unsafe fn payload_ptr(obj: NonNull<()>) -> *const Self;
}

impl<T: Trace> Payload for T {
    #[inline(always)]
    unsafe fn payload_ptr(obj: NonNull<()>) -> *const T {
        // SAFETY: forwarded contract.
        unsafe { crate::handle::vtable::payload::<T>(obj.cast::<Header>()) }
    }
}

impl<T> Payload for [T] {
    #[inline(always)]
    unsafe fn payload_ptr(obj: NonNull<()>) -> *const [T] {
        // SAFETY: forwarded contract: the block holds the length and `len` elements.
        unsafe {
            let (items, len) = items_of::<T>(obj.cast::<Header>());
            std::ptr::slice_from_raw_parts(items, len)
        }
    }
}

impl Payload for str {
    #[inline(always)]
    unsafe fn payload_ptr(obj: NonNull<()>) -> *const str {
        // SAFETY: forwarded contract; the bytes were copied from a `str` (UTF-8).
        unsafe { <[u8]>::payload_ptr(obj) as *const str }
    }
}

/// The prefix of a slice payload: its length, then (aligned) the elements.
#[repr(C)]
struct SliceHead<T> {
    len: usize,
    items: [T; 0],
}

/// The elements and the length of a live slice object.
///
/// # Safety
/// `obj` is a live object whose payload is a `[T]` (or, for `u8`, a `str`).
#[inline(always)]
unsafe fn items_of<T>(obj: Obj) -> (*mut T, usize) {
    // SAFETY: forwarded contract: the payload is a `SliceHead<T>` and its elements.
    unsafe {
        let head = payload_at::<SliceHead<T>>(obj, HEADER_SIZE);
        (
            std::ptr::addr_of_mut!((*head).items).cast::<T>(),
            (*head).len,
        )
    }
}

/// The vtable of `[T]` (and, with `STR`, of `str` over `u8`).
struct SliceVTableOf<T, const STR: bool>(std::marker::PhantomData<T>);

impl<T: Trace + 'static, const STR: bool> SliceVTableOf<T, STR> {
    const ALIGN: usize = max(align_of::<SliceHead<T>>(), align_of::<Header>());
    const VTABLE: VTable = VTable {
        trace: trace_items::<T>,
        drop_payload: drop_items::<T>,
        destroy: destroy_by_layout,
        drop_and_free: drop_then_free_block,
        free_block: free_block_by_layout,
        teardown_step: teardown_step_items::<T>,
        finalize: None,
        extra_size: extra_size_of_items::<T>,
        type_id: if STR {
            TypeId::of::<str>
        } else {
            TypeId::of::<[T]>
        },
        type_name: if STR {
            std::any::type_name::<str>
        } else {
            std::any::type_name::<[T]>
        },
        payload_size: size_of::<SliceHead<T>>(),
        // Slices always carry the vtable word (their element type's `COMPACT_INDEX` is not
        // theirs: `[T]` has no `Trace` impl of its own).
        header_size: HEADER_SIZE,
        compact: 0,
        layouts: [
            block_layout::<SliceHead<T>>(false, HEADER_SIZE),
            block_layout::<SliceHead<T>>(true, HEADER_SIZE),
        ],
        header_offsets: [
            header_offset(false, Self::ALIGN, HEADER_SIZE),
            header_offset(true, Self::ALIGN, HEADER_SIZE),
        ],
        // A zero-sized element adds nothing to the block (and needs no length to free it).
        elem_size: size_of::<T>(),
        tail_size: None,
        fixed_edges: T::FIXED_EDGES,
        seen_edges: T::EDGES.is_seen(),
    };
}

/// The trace entry of `[T]`'s vtable.
///
/// # Safety
/// As for any trace entry (`object::trace_entry::TraceEntry`), on a slice object of `T`.
unsafe fn trace_items<T: Trace>(obj: Obj, visitor: NonNull<ErasedVisitor>) {
    // SAFETY: forwarded contract.
    let tracer = unsafe { Tracer::from_erased(visitor) };
    // SAFETY: the vtable of `[T]` is only installed on slice objects of `T`.
    let (items, len) = unsafe { items_of::<T>(obj) };
    for i in 0..len {
        // SAFETY: `i < len`: a live element.
        unsafe { (*items.add(i)).trace(tracer) };
    }
}

/// The teardown step of a slice payload: its items' drop, the block freed by its layout.
///
/// # Safety
/// As for any `TeardownStep` (`object::header`), on objects whose payload is a `[T]`.
unsafe fn teardown_step_items<T>(state: NonNull<ErasedHeapState>, obj: Obj, previous: Option<Obj>) {
    // SAFETY: forwarded contract.
    unsafe { teardown_step_with(state, obj, previous, drop_items::<T>, free_block_by_layout) }
}

unsafe fn drop_items<T>(obj: Obj) {
    // SAFETY: as in `trace_items`; dropped once, when no handle can reach them.
    unsafe {
        let (items, len) = items_of::<T>(obj);
        std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(items, len));
    }
}

unsafe fn extra_size_of_items<T: Trace>(obj: Obj) -> usize {
    // SAFETY: as in `trace_items`.
    let (items, len) = unsafe { items_of::<T>(obj) };
    let elements = len * size_of::<T>();
    // SAFETY: `i < len`: a live element.
    elements
        + (0..len)
            .map(|i| unsafe { (*items.add(i)).extra_size() })
            .sum::<usize>()
}

/// Allocates a slice object of `len` elements, each written by `fill(slot_index)`.
///
/// # Safety
/// `state` is live for the whole call; `vtable` is `SliceVTableOf<T, _>`'s.
unsafe fn alloc_slice<T: Trace + 'static>(
    state: &HeapState,
    vtable: &'static VTable,
    items: Vec<T>,
) -> Result<Obj, (AllocError, Vec<T>)> {
    let container = T::MAY_CONTAIN_GC && items.iter().any(Trace::is_container);
    let idx = usize::from(container);
    let prefix = vtable.layouts[idx];
    let layout = match size_of::<T>()
        .checked_mul(items.len())
        .and_then(|bytes| prefix.size().checked_add(bytes))
        .and_then(|size| Layout::from_size_align(size, prefix.align()).ok())
    {
        Some(layout) => layout,
        None => return Err((AllocError, items)),
    };
    let flags = if container { CONTAINER | TRACKED } else { 0 };
    // SAFETY: forwarded contract; `layout` extends the vtable's by the elements.
    let obj = match unsafe { alloc_block(state, vtable, layout, 1 | flags) } {
        Ok(obj) => obj,
        Err(err) => return Err((err, items)),
    };
    let len = items.len();
    // SAFETY: the fresh block has room for the head and `len` elements, aligned; the
    // elements are moved out of the vector, whose buffer is then freed without them.
    unsafe {
        payload_at::<SliceHead<T>>(obj, HEADER_SIZE).write(SliceHead { len, items: [] });
        let (dst, _) = items_of::<T>(obj);
        let mut items = std::mem::ManuallyDrop::new(items);
        std::ptr::copy_nonoverlapping(items.as_ptr(), dst, len);
        items.set_len(0);
        std::mem::ManuallyDrop::drop(&mut items);
    }
    if container {
        // Not armed at birth (its decrements are not noted): generation 0 is not quiet.
        state.note_tracked(T::FIXED_EDGES, false);
        // SAFETY: a fresh container's links, left unwritten by `alloc_block` (TRACKED).
        unsafe { list::append_fresh(links_ptr(obj), &state.gens[0].head) };
    }
    Ok(obj)
}

impl<T: Trace + 'static> Gc<[T]> {
    /// A slice object holding the vector's elements, on the thread's default heap.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted.
    ///
    /// ```
    /// use pymm::Gc;
    /// let primes: Gc<[u16]> = Gc::from_vec(vec![2, 3, 5, 7]);
    /// assert_eq!(primes.iter().sum::<u16>(), 17);
    /// ```
    pub fn from_vec(items: Vec<T>) -> Gc<[T]> {
        let state = thread_default_state();
        // SAFETY: the thread's default heap state lives as long as the thread.
        match unsafe { Gc::try_from_vec_in_state(items, state) } {
            Ok(gc) => gc,
            Err((err, _)) => out_of_memory::<[T]>(err),
        }
    }

    /// A slice object holding the vector's elements, on `heap`.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let row: Gc<[f64]> = Gc::from_vec_in(vec![0.5; 3], &heap);
    /// assert_eq!(row.len(), 3);
    /// assert!(Heap::ptr_eq(&Gc::heap(&row), &heap));
    /// ```
    pub fn from_vec_in(items: Vec<T>, heap: &Heap) -> Gc<[T]> {
        Gc::try_from_vec_in(items, heap).unwrap_or_else(|(err, _)| out_of_memory::<[T]>(err))
    }

    /// A slice object holding the vector's elements, on `heap`; `Err` gives the vector back
    /// when the heap's limit would be exceeded or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Config, Gc, Heap};
    /// let heap = Heap::with_config(Config::default().limit(Some(64)));
    /// let (_, back) = Gc::try_from_vec_in(vec![0u64; 100], &heap).unwrap_err();
    /// assert_eq!(back.len(), 100);
    /// ```
    pub fn try_from_vec_in(items: Vec<T>, heap: &Heap) -> Result<Gc<[T]>, (AllocError, Vec<T>)> {
        // SAFETY: `heap` keeps its state alive during the call.
        unsafe { Gc::try_from_vec_in_state(items, heap.state()) }
    }

    /// # Safety
    /// `state` is live for the whole call.
    unsafe fn try_from_vec_in_state(
        items: Vec<T>,
        state: &HeapState,
    ) -> Result<Gc<[T]>, (AllocError, Vec<T>)> {
        let vtable = &SliceVTableOf::<T, false>::VTABLE;
        // SAFETY: forwarded contract; the vtable of `[T]`.
        let obj = unsafe { alloc_slice(state, vtable, items) }?;
        // SAFETY: a fresh object with count 1, payload `[T]`.
        Ok(unsafe { Gc::from_obj(obj) })
    }
}

impl Gc<str> {
    /// A copy of `text` as an object on `heap`.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let word = Gc::from_str_in("hello", &heap);
    /// assert_eq!(word.to_uppercase(), "HELLO");
    /// ```
    pub fn from_str_in(text: &str, heap: &Heap) -> Gc<str> {
        Gc::try_from_str_in(text, heap).unwrap_or_else(|err| out_of_memory::<str>(err))
    }

    /// A copy of `text` as an object on `heap`; `Err` when the heap's limit would be
    /// exceeded or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Config, Gc, Heap};
    /// let heap = Heap::with_config(Config::default().limit(Some(0)));
    /// assert!(Gc::try_from_str_in("no room", &heap).is_err());
    /// ```
    pub fn try_from_str_in(text: &str, heap: &Heap) -> Result<Gc<str>, AllocError> {
        // SAFETY: `heap` keeps its state alive during the call.
        unsafe { Gc::try_from_str_in_state(text, heap.state()) }
    }

    /// # Safety
    /// `state` is live for the whole call.
    unsafe fn try_from_str_in_state(text: &str, state: &HeapState) -> Result<Gc<str>, AllocError> {
        let vtable = &SliceVTableOf::<u8, true>::VTABLE;
        // SAFETY: forwarded contract; the vtable of `str`, over UTF-8 bytes.
        let obj = unsafe { alloc_slice(state, vtable, text.as_bytes().to_vec()) }
            .map_err(|(err, _)| err)?;
        // SAFETY: a fresh object with count 1, payload a `str`.
        Ok(unsafe { Gc::from_obj(obj) })
    }
}

impl From<&str> for Gc<str> {
    /// A copy on the thread's default heap.
    fn from(text: &str) -> Gc<str> {
        let state = thread_default_state();
        // SAFETY: the thread's default heap state lives as long as the thread.
        match unsafe { Gc::try_from_str_in_state(text, state) } {
            Ok(gc) => gc,
            Err(err) => out_of_memory::<str>(err),
        }
    }
}

impl<T: Trace + 'static> From<Vec<T>> for Gc<[T]> {
    /// The elements moved into a slice object on the thread's default heap.
    fn from(items: Vec<T>) -> Gc<[T]> {
        Gc::from_vec(items)
    }
}

impl<T: Trace + Clone + 'static> From<&[T]> for Gc<[T]> {
    /// Clones of the elements in a slice object on the thread's default heap.
    fn from(items: &[T]) -> Gc<[T]> {
        Gc::from_vec(items.to_vec())
    }
}
