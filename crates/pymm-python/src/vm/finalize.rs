//! Running Python code from the memory manager: `__del__` finalizers and the closing of
//! dying generators. pymm calls these from inside a drop or a collection, so they find the
//! VM through a thread-local handle set while a program runs ([`current`], which weak
//! reference callbacks, `vm/weakref.rs`, use as well).

use std::cell::RefCell;
use std::rc::Rc;

use super::Vm;
use crate::objects::{Obj, PyRef};

thread_local! {
    static CURRENT: RefCell<Option<Rc<Vm>>> = const { RefCell::new(None) };
}

/// Makes `vm` the one finalizers use on this thread (None to stop).
pub fn set_current(vm: Option<Rc<Vm>>) {
    let old = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), vm));
    drop(old);
}

/// The VM running on this thread, if any.
pub fn current() -> Option<Rc<Vm>> {
    // `try_with`: while the thread's storage is torn down (after a panic unwound the
    // interpreter) there is no VM any more, and finalizers must not panic again
    CURRENT
        .try_with(|c| c.try_borrow().ok().and_then(|vm| vm.clone()))
        .ok()
        .flatten()
}

/// pymm's finalizer hook for instances: runs the class's `__del__` once (PEP 442).
pub fn run_del(this: &PyRef) {
    let Obj::Instance(inst) = &**this else { return };
    let has_del = match &*inst.class() {
        Obj::Class(c) => c.flags.get() & crate::objects::ClassObj::DEL != 0,
        _ => true,
    };
    if !has_del {
        return;
    }
    let Some(vm) = current() else { return };
    let Some(del) = vm.class_lookup(&inst.class(), "__del__") else {
        return;
    };
    if !matches!(&*del, Obj::Function(_)) {
        return;
    }
    if let Err(err) = vm.call(&del, std::slice::from_ref(this)) {
        vm.report_unraisable(
            &format!(
                "Exception ignored in: {}",
                vm.repr(&del).unwrap_or_default()
            ),
            &err.0,
        );
    }
}

/// A suspended generator that dies is closed first, so its `finally` blocks run; a coroutine
/// that dies never awaited is reported with CPython's RuntimeWarning.
pub fn close_generator(this: &PyRef) {
    let Some(vm) = current() else { return };
    let Obj::Generator(gen) = &**this else { return };
    if gen.kind == crate::objects::frame::GenKind::Coroutine && gen.is_unstarted() {
        vm.warn_unawaited(this);
        return;
    }
    let suspended = !gen.running.get() && gen.suspended_ip().is_some_and(|ip| ip > 0);
    if !suspended {
        return;
    }
    if let Err(err) = vm.gen_close(this) {
        vm.report_unraisable(
            &format!(
                "Exception ignored in: {}",
                vm.repr(this).unwrap_or_default()
            ),
            &err.0,
        );
    }
}

impl Vm {
    /// Prints an exception that nobody can catch (from `__del__`, callbacks), as CPython does.
    pub fn report_unraisable(&self, header: &str, exc: &PyRef) {
        self.flush_stdout();
        eprintln!("{header}");
        self.print_exception(exc);
    }
}
