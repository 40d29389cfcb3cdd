//! `_collections`: what pymm's `collections.py` needs from the interpreter itself.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("_tuplegetter", tuplegetter)];

/// What a named tuple's field reads: the item at the bound index of the instance's tuple.
static ITEM_AT: BuiltinFn = BuiltinFn::new("_tuplegetter", item_at);

/// `_tuplegetter(index)`: the getter of a named tuple's field `index`, to be wrapped in a
/// `property`. CPython's `_collections._tuplegetter` is a descriptor written in C; this one is
/// the built-in [`ITEM_AT`] bound to the index, so that `p.x` runs no Python code (a lambda
/// `self[index]` made a frame and an instance subscript per field read: mdp reads fields of
/// namedtuples in every step).
fn tuplegetter(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_tuplegetter", 1, 1, &[])?;
    let Obj::Int(index) = &*a.pos[0] else {
        return Err(vm.type_error("_tuplegetter() expects an int index"));
    };
    if *index < 0 {
        return Err(vm.value_error("_tuplegetter() expects an index >= 0"));
    }
    vm.alloc(Obj::BoundBuiltin(Box::new((a.pos[0].clone(), &ITEM_AT))))
}

/// `getter(obj)` for a getter bound to an index: `tuple.__getitem__(obj, index)`.
fn item_at(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "_tuplegetter", 2, 2, &[])?;
    let Obj::Int(index) = &*a.pos[0] else {
        return Err(vm.type_error("_tuplegetter() expects an int index"));
    };
    let obj = &a.pos[1];
    let Obj::Tuple(items) = &**vm.builtin_receiver(obj) else {
        return Err(vm.type_error(format!(
            "descriptor for index '{index}' for tuple subclasses doesn't apply to '{}' object",
            vm.type_name(obj)
        )));
    };
    match usize::try_from(*index).ok().and_then(|i| items.get(i)) {
        Some(item) => Ok(item.clone()),
        None => Err(vm.new_exc(Exc::IndexError, "tuple index out of range")),
    }
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_collections")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
