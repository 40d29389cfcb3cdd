//! The vtable of a sized payload type `T`: the object layer's [`VTable`] filled in from
//! `T`'s [`Trace`] impl, and the type-erased entries that call back into it.

use std::any::TypeId;
use std::ptr::NonNull;

use crate::handle::gc::Gc;
use crate::handle::tail::{drop_tailed_payload, tail_size_of};
use crate::handle::trace::{Trace, Tracer};
use crate::object::header::{block_layout, header_offset, max, payload, Header, Obj, VTable};
use crate::object::trace_entry::ErasedVisitor;

/// The static vtable of `T`.
pub(crate) struct VTableOf<T>(std::marker::PhantomData<T>);

impl<T: Trace + 'static> VTableOf<T> {
    const ALIGN: usize = max(std::mem::align_of::<T>(), std::mem::align_of::<Header>());
    pub(crate) const VTABLE: VTable = VTable {
        trace: trace_payload::<T>,
        drop_payload: if T::HAS_TAIL {
            drop_tailed_payload::<T>
        } else {
            drop_payload::<T>
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
        layouts: [block_layout::<T>(false), block_layout::<T>(true)],
        header_offsets: [
            header_offset(false, Self::ALIGN),
            header_offset(true, Self::ALIGN),
        ],
        elem_size: 0,
        tail_size: if T::HAS_TAIL {
            Some(tail_size_of::<T>)
        } else {
            None
        },
        fixed_edges: T::FIXED_EDGES,
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

pub(crate) unsafe fn drop_payload<T>(obj: Obj) {
    // SAFETY: called once per object, on a live `T`, when no handle can reach it any more.
    unsafe { std::ptr::drop_in_place(payload::<T>(obj)) }
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
