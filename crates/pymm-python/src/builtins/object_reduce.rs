//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`, the default ways pickle and copy take an
//! instance apart. CPython writes them in C over `copyreg`; pymm runs the same rules in
//! Python (`copyreg._reduce_object`, `copyreg._reduce_object_ex`), reached from here.

use crate::vm::builtin::{Args, BuiltinFn, Role};
use crate::vm::{PyResult, Vm};

/// The methods, added to `object`'s.
pub static OBJECT_REDUCE: &[BuiltinFn] = &[
    BuiltinFn::new("__reduce_ex__", reduce_ex)
        .args(1, 1)
        .role(Role::ObjectMethod),
    BuiltinFn::new("__reduce__", reduce)
        .args(0, 0)
        .role(Role::ObjectMethod),
    BuiltinFn::new("__getstate__", getstate)
        .args(0, 0)
        .role(Role::ObjectMethod),
];

/// Calls `copyreg.<name>(args...)`.
fn call_copyreg(vm: &Vm, name: &str, args: &[crate::objects::PyRef]) -> PyResult {
    let copyreg = vm.import_absolute("copyreg")?;
    let function = vm.get_attr(&copyreg, &vm.intern(name))?;
    vm.call(&function, args)
}

/// `object.__reduce_ex__(protocol)`: a class's own `__reduce__` if it has one, else the
/// reduction for that protocol.
fn reduce_ex(vm: &Vm, a: Args<'_>) -> PyResult {
    call_copyreg(
        vm,
        "_reduce_object_ex",
        &[a.pos[0].clone(), a.pos[1].clone()],
    )
}

/// `object.__reduce__()`: the reduction of protocol 0.
fn reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    call_copyreg(vm, "_reduce_object", &[a.pos[0].clone(), vm.int(0)])
}

/// `object.__getstate__()`: the instance dict (None when empty), with the slots' values.
fn getstate(vm: &Vm, a: Args<'_>) -> PyResult {
    call_copyreg(vm, "_default_state", &[a.pos[0].clone()])
}
