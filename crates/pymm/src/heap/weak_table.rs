//! The heap's weak reference table: for each object with weak references (flagged
//! `HAS_WEAK` in its header, so that others never look here), the cells its `Weak` handles
//! share; clearing them when the object dies and running their callbacks.
//!
//! The public handles (`Weak`, `TracedWeak`) are in the handle layer; this is what
//! freeing an object (`dealloc`) and the collector's teardown need of them.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::{self, Rc};

use crate::heap::unraisable::{PanicSlot, UserCode};
use crate::heap::{Heap, HeapState};
use crate::object::header::{has_flag, header, vtable_of, Obj, HAS_WEAK};
use crate::object::trace_entry::ErasedVisitor;

/// The weak references to one object: the shared cells of its live `Weak` families.
pub(crate) type WeakSlots = Vec<rc::Weak<WeakCell>>;

/// A weak reference callback; it receives the heap of the referent that died.
pub(crate) type WeakCallback = Box<dyn FnOnce(&Heap)>;

/// A callback whose captured handles the collector sees (a `TracedWeak`'s; the handle layer
/// implements it for the callback's data and function).
pub(crate) trait TracedCallback {
    /// Shows the visitor the handles the callback owns.
    ///
    /// # Safety
    /// As for a trace entry (`object::trace_entry::TraceEntry`): `visitor` is a live
    /// visitor's erased pointer.
    unsafe fn trace(&self, visitor: NonNull<ErasedVisitor>);
    /// Runs the callback (once: it is consumed).
    fn call(self: Box<Self>, heap: &Heap);
}

/// Shared by the clones of one `Weak`: the referent (cleared when it dies) and the callback
/// (a closure, or for a `TracedWeak`, traced data and a function).
pub(crate) struct WeakCell {
    pub(crate) target: Cell<Option<Obj>>,
    pub(crate) callback: Cell<Option<WeakCallback>>,
    pub(crate) traced: RefCell<Option<Box<dyn TracedCallback>>>,
}

impl WeakCell {
    pub(crate) fn new(target: Option<Obj>, callback: Option<WeakCallback>) -> WeakCell {
        WeakCell {
            target: Cell::new(target),
            callback: Cell::new(callback),
            traced: RefCell::new(None),
        }
    }

    /// Whether the cell has no callback (so plain `Weak`s may share it).
    pub(crate) fn is_plain(&self) -> bool {
        let callback = self.callback.take();
        let plain = callback.is_none() && self.traced.borrow().is_none();
        self.callback.set(callback);
        plain
    }
}

/// A callback due to run: its referent died (and was of type `type_name`).
pub(crate) struct PendingCallback {
    type_name: &'static str,
    callback: Pending,
}

impl PendingCallback {
    /// Whether this is a `TracedWeak`'s callback (a collection runs those after its
    /// teardown, so that one owned by the garbage is not called).
    pub(crate) fn is_traced(&self) -> bool {
        matches!(self.callback, Pending::Traced(_))
    }
}

/// What runs for a [`PendingCallback`].
enum Pending {
    /// A closure, taken out of its cell when the referent died.
    Closure(WeakCallback),
    /// A traced callback, left in its cell until it runs: it runs only if its
    /// `TracedWeak` is still alive then (one dropped with the garbage is not called).
    Traced(rc::Weak<WeakCell>),
}

/// Whether some `Weak` handle to `obj` is alive.
///
/// # Safety
/// `obj` is live.
pub(crate) unsafe fn has_live_weak(obj: Obj) -> bool {
    // SAFETY: forwarded contract.
    if !has_flag(unsafe { header(obj) }, HAS_WEAK) {
        return false;
    }
    // SAFETY: forwarded contract.
    let state = unsafe { HeapState::of(obj) };
    let table = state.weak_table.borrow();
    table
        .get(&obj.as_ptr().addr())
        .is_some_and(|slots| slots.iter().any(|w| w.strong_count() > 0))
}

/// Clears every weak reference to `obj` and collects the callbacks of those still alive.
///
/// # Safety
/// `obj` is live and flagged `HAS_WEAK`.
pub(crate) unsafe fn clear_weak_refs(
    state: &HeapState,
    obj: Obj,
    callbacks: &mut Vec<PendingCallback>,
) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    if !has_flag(h, HAS_WEAK) {
        return;
    }
    h.word.set(h.word.get() & !HAS_WEAK);
    let slots = state.weak_table.borrow_mut().remove(&(obj.as_ptr().addr()));
    for cell in slots.into_iter().flatten().filter_map(|w| w.upgrade()) {
        cell.target.set(None);
        // SAFETY: forwarded contract: `obj` is allocated.
        let type_name = (unsafe { vtable_of(obj) }.type_name)();
        if let Some(callback) = cell.callback.take() {
            callbacks.push(PendingCallback {
                type_name,
                callback: Pending::Closure(callback),
            });
        } else if cell.traced.borrow().is_some() {
            callbacks.push(PendingCallback {
                type_name,
                callback: Pending::Traced(Rc::downgrade(&cell)),
            });
        }
        // Dropping `cell` here cannot free it: some `Weak` handle still owns it.
    }
}

/// Runs weak reference callbacks, in registration order; each one runs even if an earlier
/// one panicked.
pub(crate) fn run_weak_callbacks(
    state: &HeapState,
    callbacks: Vec<PendingCallback>,
    panics: &mut PanicSlot,
) {
    if callbacks.is_empty() {
        return;
    }
    // SAFETY: the caller keeps the state alive; the handle is what callbacks receive.
    let heap = unsafe { Heap::from_state(state) };
    for PendingCallback {
        type_name,
        callback,
    } in callbacks
    {
        let callback = match callback {
            Pending::Closure(callback) => callback,
            Pending::Traced(cell) => {
                let traced = cell
                    .upgrade()
                    .and_then(|cell| cell.traced.borrow_mut().take());
                match traced {
                    Some(traced) => Box::new(move |heap: &Heap| traced.call(heap)),
                    None => continue, // its TracedWeak is gone: not called
                }
            }
        };
        panics.guard(UserCode::WeakCallback, Some(type_name), || callback(&heap));
    }
    panics.guard(UserCode::Drop, None, || drop(heap));
}
