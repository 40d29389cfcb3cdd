//! The closure cell, as CPython's `Objects/cellobject.c`: the one slot a closure and the
//! frame that defined it share for a variable both use.
//!
//! The value sits in the `Obj` itself (a tag and one word), so a cell is one 48-byte block
//! with its collector links and header (CPython: 32 plus the links, 48), and nothing of it
//! comes from the system allocator.
//!
//! Invariant, relied on by the `unsafe` blocks below: the slot is only ever written by
//! `Cell::replace` in [`CellObj::set`], which holds no reference into it; every reference
//! `get` and `trace` take through `as_ptr` ends before they return and runs no Python code
//! meanwhile (cloning or visiting a handle calls none), so no write overlaps one.

use std::cell::Cell;

use super::PyRef;
use crate::rt::Tracer;

/// A closure cell's payload: the variable's value, or `None` while it is unbound.
///
/// ```
/// use pymm_python::objects::cell::CellObj;
/// use pymm_python::objects::Obj;
/// use pymm_python::rt::Gc;
///
/// let cell = CellObj::new(None);
/// assert!(cell.get().is_none());
/// let old = cell.set(Some(Gc::new(Obj::Int(7))));
/// assert!(old.is_none());
/// assert_eq!(cell.get().and_then(|v| v.as_i64()), Some(7));
/// ```
pub struct CellObj {
    value: Cell<Option<PyRef>>,
}

impl CellObj {
    /// A cell holding `value`.
    pub fn new(value: Option<PyRef>) -> Self {
        CellObj {
            value: Cell::new(value),
        }
    }

    /// The value (a new reference), or `None` while the variable is unbound.
    pub fn get(&self) -> Option<PyRef> {
        // SAFETY: no write overlaps this read (module invariant): the reference ends here,
        // and cloning a handle runs no Python code.
        unsafe { (*self.value.as_ptr()).clone() }
    }

    /// Stores `value` and returns the old one, for the caller to drop once the cell holds
    /// the new one (a `__del__` the old value runs then sees the cell as it now is).
    #[must_use = "the old value is dropped by the caller, after the store"]
    pub fn set(&self, value: Option<PyRef>) -> Option<PyRef> {
        self.value.replace(value)
    }

    /// Visits the value.
    pub(crate) fn trace(&self, tracer: &mut Tracer<'_>) {
        // SAFETY: no write overlaps this read (module invariant): visiting runs no Python
        // code, and the reference ends here.
        if let Some(value) = unsafe { &*self.value.as_ptr() } {
            tracer.visit(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::Obj;
    use crate::rt::{Gc, Heap};

    #[test]
    fn a_cycle_through_a_cell_is_traced_and_collected() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let cell = Gc::new_in(Obj::Cell(CellObj::new(None)), &heap);
        let Obj::Cell(slot) = &*cell else {
            panic!("a cell")
        };
        assert_eq!(crate::rt::referents(&Gc::to_any(&cell)).len(), 0);
        assert!(slot.set(Some(cell.clone())).is_none());
        assert!(slot.get().is_some_and(|v| Gc::ptr_eq(&v, &cell)));
        assert_eq!(crate::rt::referents(&Gc::to_any(&cell)).len(), 1);
        drop(cell);
        assert_eq!(heap.collect(2), 1, "the cell that holds itself");
        assert_eq!(heap.bytes_in_use(), before);
    }
}
