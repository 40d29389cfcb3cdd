//! `_types`: what pymm's `types.py` needs from the interpreter itself.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new(
    "mark_iterable_coroutine",
    mark_iterable_coroutine,
)];

/// `mark_iterable_coroutine(func)`: lets the generators of a generator function be awaited
/// (CPython's `types.coroutine` sets `CO_ITERABLE_COROUTINE` in a copy of the code; pymm sets
/// it on the code itself, so every function made from that `def` shares it).
fn mark_iterable_coroutine(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "mark_iterable_coroutine", 1, 1, &[])?;
    match &*a.pos[0] {
        Obj::Function(f) if f.code().is_generator && !f.code().is_async => {
            f.code().iterable_coroutine.set(true);
            Ok(a.pos[0].clone())
        }
        _ => Err(vm.type_error("mark_iterable_coroutine() expects a generator function")),
    }
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_types")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
