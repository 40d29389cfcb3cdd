//! `complex`: a pair of floats, an atom like `float` (never tracked by the collector).
//! The methods here; the value's arithmetic, `repr`, `hash` and parsing in [`value`],
//! as CPython's Objects/complexobject.c.

use crate::objects::Obj;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

pub mod value;

/// `complex` methods.
pub static METHODS: &[BuiltinFn] = &[BuiltinFn::new("conjugate", complex_conjugate).args(0, 0)];

/// `complex.conjugate()`.
fn complex_conjugate(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conjugate", 1, 1, &[])?;
    match &**vm.builtin_receiver(&a.pos[0]) {
        Obj::Complex(c) => Ok(vm.complex([c[0], -c[1]])),
        _ => Err(vm.type_error("descriptor 'conjugate' requires a 'complex' object")),
    }
}
