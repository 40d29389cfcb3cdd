//! What a tool watching the run hears from the VM (`pymm run --report`'s recorder, in
//! `crate::report`, is the one there is): every allocation, the frames the eval loop runs
//! (through a [`Trail`]), and which collections the program asked for. The VM holds at
//! most one observer ([`Vm::observer`], set by [`Vm::watch`]); without one, an allocation
//! tests one empty cell and the eval loop, the same loop as with one, finds no trail at
//! the frames it enters and leaves.

use std::rc::Rc;

use super::trail::Trail;
use super::Vm;
use crate::objects::PyRef;

/// Hears of the run as it goes.
pub trait Observer {
    /// The record of running frames the eval loop keeps up to date.
    fn trail(&self) -> &Rc<Trail>;
    /// `obj` was just allocated (every allocation of the VM comes here).
    fn allocated(&self, vm: &Vm, obj: &PyRef);
    /// A collection the program asked for (`gc.collect()`) starts (`true`) or ends.
    fn explicit_collection(&self, running: bool);
}

impl Vm {
    /// Makes `observer` hear of the run from now on (once: a second observer is ignored).
    /// The VM keeps the observer's trail beside it, for the eval loop.
    pub fn watch(&self, observer: Rc<dyn Observer>) {
        if self.observer.get().is_none() {
            let _ = self.trail.set(observer.trail().clone());
            let _ = self.observer.set(observer);
        }
    }
}
