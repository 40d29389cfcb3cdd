//! The `weakref` module: `ref` (the built-in type), `getweakrefcount` and `getweakrefs`
//! natively; the proxies, `WeakMethod`, the weak dictionaries, `WeakSet` and `finalize` in
//! Python on top of them (see `weakref.py`), as CPython's `_weakref` and `weakref.py`.

use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("getweakrefcount", getweakrefcount),
    BuiltinFn::new("getweakrefs", getweakrefs),
    BuiltinFn::new("_remove_dead_weakref", remove_dead_weakref),
];

/// The Python half of the module.
const PRELUDE: &str = include_str!("weakref.py");

fn getweakrefcount(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getweakrefcount", 1, 1, &[])?;
    vm.new_int(vm.weakrefs_to(&a.pos[0]).len() as i64)
}

fn getweakrefs(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getweakrefs", 1, 1, &[])?;
    vm.list(vm.getweakrefs(&a.pos[0]))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference
/// (what a weak dictionary's callback does, without racing a new value under the same key).
fn remove_dead_weakref(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_remove_dead_weakref", 2, 2, &[])?;
    let (dict, key) = (&a.pos[0], &a.pos[1]);
    if let Some(value) = vm.dict_get(dict, key)? {
        let dead = crate::vm::weakref::weakref_payload(&value)
            .is_some_and(|w| w.target.borrow().as_ref().is_none_or(|t| !t.is_alive()));
        if dead {
            drop(vm.dict_remove(dict, key)?);
        }
    }
    Ok(vm.none())
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("weakref")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    vm.module_set(&m, "ref", vm.types.weakref.clone())?;
    vm.module_set(&m, "ReferenceType", vm.types.weakref.clone())?;
    let ns = vm.module_dict(&m);
    crate::vm::exec::exec_in(vm, PRELUDE, "<weakref>", &ns)?;
    Ok(m)
}
