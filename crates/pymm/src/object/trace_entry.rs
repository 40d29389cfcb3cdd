//! The vtable's trace entry, type-erased.
//!
//! Every object's vtable has a `trace` entry that shows the collector the payload's handles.
//! The visitor it receives is the collector's (a layer above this one), and the payload's
//! `Trace` impl sees it as the public `Tracer` (in the handle layer, above the collector).
//! This layer knows neither: the entry takes a pointer to an opaque [`ErasedVisitor`]. The
//! collector makes that pointer from its visitor, and the handle layer's entries turn it
//! back into a `Tracer` (a `repr(transparent)` view of the same visitor): pointer casts,
//! no extra call.

use std::ptr::NonNull;

use crate::object::header::Obj;

/// The collector's visitor, seen from the object layer: never made, read or written here,
/// only passed on by pointer (an opaque type, so that it cannot be mistaken for anything
/// else).
pub(crate) struct ErasedVisitor {
    _opaque: [u8; 0],
}

/// A vtable's trace entry: shows the visitor every handle `obj`'s payload owns.
///
/// # Safety (of a call)
/// `obj` is live and its payload not torn down; the visitor pointer comes from the
/// collector's visitor (`Visitor::erased`), alive and not otherwise used during the call.
pub(crate) type TraceEntry = unsafe fn(Obj, NonNull<ErasedVisitor>);
