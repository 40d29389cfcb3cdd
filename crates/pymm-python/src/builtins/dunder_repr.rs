//! `__repr__` as an attribute of the built-in types: `object.__repr__` (the default
//! `<module.Class object at 0x...>` form, whatever the class defines) and the built-in types'
//! own (`list.__repr__`, ...). Each type gets its own method object, so that code keyed on
//! them (pprint's dispatch table, `type(x).__repr__ is dict.__repr__`) tells the types apart
//! and finds a subclass that does not override `__repr__`.

use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// `object.__repr__`, which must see the instance itself (not the built-in value a subclass
/// of a built-in type extends).
pub static OBJECT_REPR: &[BuiltinFn] = &[BuiltinFn::new("__repr__", object_repr).args(0, 0)];

/// The `__repr__` of a built-in type: the repr of the built-in value.
pub static BUILTIN_REPR: &[BuiltinFn] = &[BuiltinFn::new("__repr__", builtin_repr).args(0, 0)];

fn object_repr(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.str(vm.default_repr(&a.pos[0]))
}

fn builtin_repr(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.str(vm.repr(vm.builtin_receiver(&a.pos[0]))?)
}
