//! The `enumerate` type, as CPython's `Objects/enumobject.c`: its constructor and pickling
//! (iteration is the VM's, [`IterState::Enumerate`]).

use num_bigint::BigInt;

use crate::objects::iter::IterState;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `enumerate(iterable, start=0)`.
pub fn new(vm: &Vm, a: Args<'_>) -> PyResult {
    if let Some(bad) = a
        .kwnames
        .iter()
        .find(|k| !matches!(k.as_str(), Some("iterable" | "start")))
    {
        return Err(vm.type_error(format!(
            "'{}' is an invalid keyword argument for enumerate()",
            bad.as_str().unwrap_or("")
        )));
    }
    a.check(vm, "enumerate", 0, 2, &["iterable", "start"])?;
    let Some(iterable) = a.get(0, "iterable") else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let inner = vm.get_iter(iterable)?;
    let count = match a.get(1, "start") {
        None => 0,
        Some(start) => start_value(vm, start)?,
    };
    vm.new_iter(IterState::Enumerate { inner, count })
}

/// `enumerate`'s `start`: an int (or `__index__`), as wide as the count is kept.
fn start_value(vm: &Vm, start: &PyRef) -> PyResult<i128> {
    if let Obj::BigInt(b) = &**start {
        return i128::try_from(&**b)
            .map_err(|_| vm.new_exc(Exc::OverflowError, "enumerate start is too large"));
    }
    match vm.index_int(start)? {
        Some(n) => Ok(i128::from(n)),
        None => Err(vm.not_an_integer(start)),
    }
}

/// `enumerate` methods.
pub static METHODS: &[BuiltinFn] = &[BuiltinFn::new("__reduce__", reduce).args(0, 0)];

/// `__reduce__`: `(type(self), (inner, count))`, which calling rebuilds.
fn reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.pos[0];
    let (inner, count) = match &**vm.builtin_receiver(this) {
        Obj::Iter(state) => match &*state.borrow() {
            IterState::Enumerate { inner, count } => (inner.clone(), *count),
            _ => return Err(vm.type_error("descriptor requires an 'enumerate' object")),
        },
        _ => return Err(vm.type_error("descriptor requires an 'enumerate' object")),
    };
    let count = match i64::try_from(count) {
        Ok(n) => vm.new_int(n)?,
        Err(_) => vm.new_bigint(BigInt::from(count))?,
    };
    let args = vm.new_tuple(vec![inner, count])?;
    vm.new_tuple(vec![vm.type_of(this), args])
}
