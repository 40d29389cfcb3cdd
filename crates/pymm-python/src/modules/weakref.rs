//! The `weakref` module: `ref` natively, `finalize` and `WeakValueDictionary` in Python on
//! top of it (see `weakref.py`).

use std::cell::{Cell, RefCell};

use crate::objects::{Obj, PyRef, WeakRefObj};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("ref", new_ref),
    BuiltinFn::new("getweakrefcount", getweakrefcount),
];

/// The Python half of the module.
const PRELUDE: &str = include_str!("weakref.py");

fn new_ref(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "ref", 1, 2, &[])?;
    let target = &a.pos[0];
    if matches!(
        &**target,
        Obj::Int(_)
            | Obj::BigInt(_)
            | Obj::Str(_)
            | Obj::Tuple(_)
            | Obj::List(_)
            | Obj::Dict(_)
            | Obj::None
            | Obj::Bool(_)
            | Obj::Float(_)
            | Obj::Bytes(_)
    ) {
        return Err(vm.type_error(format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(target)
        )));
    }
    let callback = a.pos.get(1).filter(|c| !vm.is_none(c)).cloned();
    let has_callback = callback.is_some();
    let existing = live_refs(vm, target);
    if !has_callback {
        let plain = existing.into_iter().find(|w| match &**w {
            Obj::WeakRef(w) => w.callback.borrow().is_none(),
            _ => false,
        });
        if let Some(w) = plain {
            return Ok(w);
        }
    }
    let wr = vm.alloc(Obj::WeakRef(Box::new(WeakRefObj {
        target: RefCell::new(None),
        callback: RefCell::new(callback),
        hash: Cell::new(None),
    })))?;
    if let Obj::WeakRef(w) = &*wr {
        *w.target.borrow_mut() = Some(Gc::downgrade(target));
    }
    let addr = vm.addr(target);
    let watched = vm
        .weakrefs
        .borrow()
        .get(&addr)
        .and_then(|e| e.watcher.as_ref())
        .is_some_and(|w| w.is_alive());
    // made outside any borrow of the registry: pymm runs the callback from a drop
    let watcher = (has_callback && !watched).then(|| {
        Gc::downgrade_with_callback(target, move |_| {
            crate::vm::finalize::run_weakref_callbacks(addr)
        })
    });
    let mut registry = vm.weakrefs.borrow_mut();
    let entry = registry.entry(addr).or_default();
    entry.refs.push(Gc::downgrade(&wr));
    if watcher.is_some() {
        entry.watcher = watcher;
    }
    drop(registry);
    Ok(wr)
}

/// The live weak reference objects to `target` (pruning dead entries on the way).
fn live_refs(vm: &Vm, target: &PyRef) -> Vec<PyRef> {
    let addr = vm.addr(target);
    let mut live = Vec::new();
    let mut registry = vm.weakrefs.borrow_mut();
    if let Some(entry) = registry.get_mut(&addr) {
        entry.refs.retain(|w| match w.upgrade() {
            Some(wr) => {
                let same = match &*wr {
                    Obj::WeakRef(r) => r
                        .target
                        .borrow()
                        .as_ref()
                        .and_then(|t| t.upgrade())
                        .is_some_and(|t| Gc::ptr_eq(&t, target)),
                    _ => false,
                };
                if same {
                    live.push(wr);
                }
                same
            }
            None => false,
        });
        if entry.watcher.as_ref().is_some_and(|w| !w.is_alive()) {
            entry.watcher = None;
        }
        if entry.refs.is_empty() && entry.watcher.is_none() {
            registry.remove(&addr);
        }
    }
    drop(registry);
    live
}

fn getweakrefcount(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getweakrefcount", 1, 1, &[])?;
    vm.new_int(live_refs(vm, &a.pos[0]).len() as i64)
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("weakref")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    vm.module_set(&m, "ReferenceType", vm.types.weakref.clone())?;
    let ns = vm.module_dict(&m);
    crate::run::exec_in(vm, PRELUDE, "<weakref>", &ns)?;
    Ok(m)
}
