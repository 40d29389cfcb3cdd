//! The vtable of a sized payload type `T`: the object layer's [`VTable`] filled in from
//! `T`'s [`Trace`] impl, and the type-erased entries that call back into it.

use std::any::TypeId;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::handle::gc::Gc;
use crate::handle::tail::{drop_tailed_payload, tail_size_of};
use crate::handle::trace::{Trace, Tracer};
use crate::heap::dealloc::{
    destroy_with, free_block_by_layout, free_known_block, teardown_step_with, unerase_state,
};
use crate::heap::HeapState;
use crate::object::compact::MAX_INDEX;
use crate::object::header::{
    block_layout, has_flag, header, header_offset, header_size, max, payload_at, ErasedHeapState,
    Header, Obj, VTable, CONTAINER, TAILED,
};
use crate::object::trace_entry::ErasedVisitor;

/// The static vtable of `T`.
pub(crate) struct VTableOf<T>(std::marker::PhantomData<T>);

/// Where a `T` payload starts after its object's header pointer: a compile-time constant of
/// `T` (so that a dereference is one add), the word alone for a compact type.
pub(crate) const fn header_size_of<T: Trace>() -> usize {
    header_size(T::COMPACT_INDEX.is_some())
}

/// The payload of an object.
///
/// # Safety
/// `obj` is a live object whose payload type is `T`.
#[inline(always)]
pub(crate) unsafe fn payload<T: Trace>(obj: Obj) -> *mut T {
    // SAFETY: forwarded contract.
    unsafe { payload_at::<T>(obj, header_size_of::<T>()) }
}

impl<T: Trace + 'static> VTableOf<T> {
    const ALIGN: usize = max(std::mem::align_of::<T>(), std::mem::align_of::<Header>());
    const HEADER: usize = header_size_of::<T>();
    /// `T`'s compact type index, 0 if it is not compact (checked in range at compile time).
    const COMPACT: usize = match T::COMPACT_INDEX {
        None => 0,
        Some(index) => {
            assert!(
                index >= 1 && index as usize <= MAX_INDEX,
                "pymm: Trace::COMPACT_INDEX is in 1..=15"
            );
            index as usize
        }
    };
    pub(crate) const VTABLE: VTable = VTable {
        trace: trace_payload::<T>,
        drop_payload: if T::HAS_TAIL {
            drop_tailed_payload::<T>
        } else {
            drop_payload::<T>
        },
        destroy: if T::HAS_TAIL {
            destroy_tailed::<T>
        } else {
            destroy_sized::<T>
        },
        drop_and_free: if T::HAS_TAIL {
            drop_and_free_tailed::<T>
        } else {
            drop_and_free_sized::<T>
        },
        free_block: if T::HAS_TAIL {
            free_maybe_tailed_block::<T>
        } else {
            free_sized_block::<T>
        },
        teardown_step: if T::HAS_TAIL {
            teardown_step_tailed::<T>
        } else {
            teardown_step_sized::<T>
        },
        finalize: if T::HAS_FINALIZER {
            Some(finalize_payload::<T>)
        } else {
            None
        },
        extra_size: extra_size_of::<T>,
        type_id: TypeId::of::<T>,
        type_name: std::any::type_name::<T>,
        payload_size: std::mem::size_of::<T>(),
        header_size: Self::HEADER,
        compact: Self::COMPACT,
        layouts: [
            block_layout::<T>(false, Self::HEADER),
            block_layout::<T>(true, Self::HEADER),
        ],
        header_offsets: [
            header_offset(false, Self::ALIGN, Self::HEADER),
            header_offset(true, Self::ALIGN, Self::HEADER),
        ],
        elem_size: 0,
        tail_size: if T::HAS_TAIL {
            Some(tail_size_of::<T>)
        } else {
            None
        },
        fixed_edges: T::FIXED_EDGES,
        seen_edges: T::EDGES.is_seen(),
    };
}

/// The trace entry of `T`'s vtable.
///
/// # Safety
/// `obj` is live with a `T` payload; `visitor` is a live visitor's erased pointer (see
/// [`Tracer::from_erased`]).
unsafe fn trace_payload<T: Trace>(obj: Obj, visitor: NonNull<ErasedVisitor>) {
    // SAFETY: forwarded contract.
    let tracer = unsafe { Tracer::from_erased(visitor) };
    // SAFETY: the vtable of `T` is only installed on objects whose payload is a live `T`.
    unsafe { (*payload::<T>(obj)).trace(tracer) }
}

pub(crate) unsafe fn drop_payload<T: Trace>(obj: Obj) {
    // SAFETY: called once per object, on a live `T`, when no handle can reach it any more.
    unsafe { std::ptr::drop_in_place(payload::<T>(obj)) }
}

/// The destroy entry of a sized payload without a tail: the trashcan's steps with
/// [`drop_and_free_sized`] inline.
///
/// # Safety
/// As for any `Destroy` (`object::header`), on an object whose payload is a `T` allocated
/// without a tail.
unsafe fn destroy_sized<T: Trace + 'static>(obj: Obj, word: usize) {
    // SAFETY: forwarded contract; the entry is this type's `drop_and_free`.
    unsafe { destroy_with(obj, word, drop_and_free_sized::<T>) }
}

/// The destroy entry of a payload type that may have a tail, with [`drop_and_free_tailed`].
///
/// # Safety
/// As for any `Destroy` (`object::header`), on an object whose payload is a `T`.
unsafe fn destroy_tailed<T: Trace + 'static>(obj: Obj, word: usize) {
    // SAFETY: forwarded contract; the entry is this type's `drop_and_free`.
    unsafe { destroy_with(obj, word, drop_and_free_tailed::<T>) }
}

/// The fused drop-and-free of a sized payload without a tail: the payload's drop glue called
/// directly, and the block's start and layout constants of `T` (one of two, by whether the
/// object has links), so that the allocator's size class is folded in too.
///
/// # Safety
/// As for any `DropAndFree` (`object::header`), on an object whose payload is a `T`
/// allocated without a tail (`T::HAS_TAIL` is false).
#[inline(always)]
unsafe fn drop_and_free_sized<T: Trace + 'static>(state: NonNull<ErasedHeapState>, obj: Obj) {
    /// Frees the block when the payload's drop is over, even if it panicked (the drop glue
    /// still drops every field then).
    struct FreeSized<T: Trace + 'static>(NonNull<ErasedHeapState>, Obj, PhantomData<T>);
    impl<T: Trace + 'static> Drop for FreeSized<T> {
        #[inline(always)]
        fn drop(&mut self) {
            // SAFETY: the payload has been dropped and nothing refers to the block.
            unsafe { free_sized_block::<T>(self.0, self.1) };
        }
    }
    let free = FreeSized::<T>(state, obj, PhantomData);
    // SAFETY: forwarded contract: the payload is a live `T`, dropped exactly once, here.
    unsafe { std::ptr::drop_in_place(payload::<T>(obj)) };
    // The guard frees the block only if the drop unwinds; otherwise the free is inline
    // here (a guard dropped on both paths becomes an out-of-line call on both).
    std::mem::forget(free);
    // SAFETY: the payload has been dropped and nothing refers to the block.
    unsafe { free_sized_block::<T>(state, obj) };
}

/// The teardown step of a sized payload without a tail: its drop glue and the free of a
/// container of its type (a member of the garbage has links), both inline.
///
/// # Safety
/// As for any `TeardownStep` (`object::header`), on objects whose payload is a `T`
/// allocated without a tail.
unsafe fn teardown_step_sized<T: Trace + 'static>(
    state: NonNull<ErasedHeapState>,
    obj: Obj,
    previous: Option<Obj>,
) {
    // SAFETY: forwarded contract.
    unsafe { teardown_step_with(state, obj, previous, drop_payload::<T>, free_container::<T>) }
}

/// The teardown step of a payload type that may have a tail.
///
/// # Safety
/// As for any `TeardownStep` (`object::header`), on objects whose payload is a `T`.
unsafe fn teardown_step_tailed<T: Trace + 'static>(
    state: NonNull<ErasedHeapState>,
    obj: Obj,
    previous: Option<Obj>,
) {
    // SAFETY: forwarded contract.
    unsafe {
        teardown_step_with(
            state,
            obj,
            previous,
            drop_tailed_payload::<T>,
            free_maybe_tailed_block::<T>,
        )
    }
}

/// The fused drop-and-free of a payload type that may have a tail: its drop (which keeps
/// the tail's size, see `tail`) called directly, then [`free_maybe_tailed_block`].
///
/// # Safety
/// As for any `DropAndFree` (`object::header`), on an object whose payload is a `T`.
#[inline(always)]
unsafe fn drop_and_free_tailed<T: Trace + 'static>(state: NonNull<ErasedHeapState>, obj: Obj) {
    /// Frees the block when the payload's drop is over, even if it panicked.
    struct FreeTailed<T: Trace + 'static>(NonNull<ErasedHeapState>, Obj, PhantomData<T>);
    impl<T: Trace + 'static> Drop for FreeTailed<T> {
        #[inline(always)]
        fn drop(&mut self) {
            // SAFETY: the payload has been dropped and nothing refers to the block.
            unsafe { free_maybe_tailed_block::<T>(self.0, self.1) };
        }
    }
    let free = FreeTailed::<T>(state, obj, PhantomData);
    // SAFETY: forwarded contract: the payload is a live `T`, dropped exactly once, here.
    unsafe { drop_tailed_payload::<T>(obj) };
    // As in `drop_and_free_sized`: the guard for the unwinding path only.
    std::mem::forget(free);
    // SAFETY: the payload has been dropped and nothing refers to the block.
    unsafe { free_maybe_tailed_block::<T>(state, obj) };
}

/// The vtable's block free for a payload type that may have a tail: an object allocated
/// without one (no `TAILED` bit) has the type's constant layout, one with a tail is sized
/// at run time (from where the payload's drop left the tail's size).
///
/// # Safety
/// As for any `FreeBlock` (`object::header`), on an object whose payload was a `T`.
#[inline(always)]
unsafe fn free_maybe_tailed_block<T: Trace + 'static>(state: NonNull<ErasedHeapState>, obj: Obj) {
    // SAFETY: per the contract (the block is still allocated, so its header readable).
    unsafe {
        if has_flag(header(obj), TAILED) {
            free_block_by_layout(state, obj);
        } else {
            free_sized_block::<T>(state, obj);
        }
    }
}

/// The vtable's block free for a sized payload without a tail (inlined into
/// [`drop_and_free_sized`] too).
///
/// # Safety
/// As for any `FreeBlock` (`object::header`), on an object whose payload was a `T`
/// allocated without a tail.
#[inline(always)]
unsafe fn free_sized_block<T: Trace + 'static>(state: NonNull<ErasedHeapState>, obj: Obj) {
    // SAFETY: per the contract; the caller's state is live.
    unsafe {
        // Two arms with constant indices, so that each folds its layout (and the allocator's
        // size class) into the code; only one for a type that never has links.
        if T::MAY_CONTAIN_GC && has_flag(header(obj), CONTAINER) {
            free_sized::<T, 1>(unerase_state(state), obj);
        } else {
            free_sized::<T, 0>(unerase_state(state), obj);
        }
    }
}

/// [`free_sized_block`] of an object known to have links (a member of the garbage).
///
/// # Safety
/// As for any `FreeBlock` (`object::header`), on an object with links whose payload was a
/// `T` allocated without a tail.
#[inline(always)]
unsafe fn free_container<T: Trace + 'static>(state: NonNull<ErasedHeapState>, obj: Obj) {
    // SAFETY: per the contract; the caller's state is live.
    unsafe { free_sized::<T, 1>(unerase_state(state), obj) }
}

/// Frees the block of a sized `T` object without a tail, allocated with links iff `LINKS`
/// is 1.
///
/// # Safety
/// The payload has been dropped and nothing refers to the block; `LINKS` tells whether the
/// object has links; `state` is its heap's.
#[inline(always)]
unsafe fn free_sized<T: Trace + 'static, const LINKS: usize>(state: &HeapState, obj: Obj) {
    let offset = VTableOf::<T>::VTABLE.header_offsets[LINKS];
    let layout = VTableOf::<T>::VTABLE.layouts[LINKS];
    // SAFETY: the header sits `offset` bytes into its block (see `header_offset`), and the
    // block of a sized payload without a tail has the vtable's layout.
    unsafe { free_known_block(state, LINKS == 1, obj.cast::<u8>().sub(offset), layout) };
}

unsafe fn extra_size_of<T: Trace>(obj: Obj) -> usize {
    // SAFETY: as in `trace_payload`.
    unsafe { (*payload::<T>(obj)).extra_size() }
}

unsafe fn finalize_payload<T: Trace + 'static>(obj: Obj) {
    // SAFETY: the caller holds a strong count for the duration of the call, so this
    // borrowed handle (never dropped: ManuallyDrop) is valid.
    let this = std::mem::ManuallyDrop::new(unsafe { Gc::<T>::from_obj(obj) });
    T::finalize(&this);
}
