//! The methods and attributes of `range` (its slots live with the VM's generic operations:
//! `len`, indexing, iteration and comparison in `vm/`): `start`, `stop`, `step`, `index`,
//! `count` and `__reduce__`, as CPython's `Objects/rangeobject.c`, on ranges of any size
//! ([`value`]).

pub mod value;

use num_bigint::BigInt;
use num_traits::Zero;

use crate::objects::int::value::int_value;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};
use value::Bounds;

/// `(start, stop, step)` of the range a method is called on.
fn bounds(vm: &Vm, a: &Args<'_>) -> PyResult<Bounds> {
    a.pos
        .first()
        .and_then(|v| value::bounds_of(v))
        .ok_or_else(|| vm.type_error("descriptor requires a 'range' object"))
}

/// The position of `value` in the range: computed for an int, found by `==` otherwise
/// (CPython's sequence search, so `range(3).index(1.0)` is 1).
fn position(vm: &Vm, a: &Args<'_>) -> PyResult<Option<BigInt>> {
    let bounds = bounds(vm, a)?;
    let value = &a.pos[1];
    if let Some(v) = int_value(value) {
        return Ok(value::contains(&bounds, &v).then(|| (v - &bounds[0]) / &bounds[2]));
    }
    let len = value::length(&bounds);
    let mut i = BigInt::zero();
    while i < len {
        if vm.eq(&vm.new_bigint(value::item(&bounds, &i))?, value)? {
            return Ok(Some(i));
        }
        i += 1u8;
    }
    Ok(None)
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    match position(vm, &a)? {
        Some(i) => vm.new_bigint(i),
        None if int_value(&a.pos[1]).is_some() => {
            Err(vm.value_error(format!("{} is not in range", vm.repr(&a.pos[1])?)))
        }
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

/// `count(x)`: 0 or 1 for an int; for another value, how many items equal it.
fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = &a.pos[1];
    if int_value(value).is_some() {
        return vm.new_int(i64::from(position(vm, &a)?.is_some()));
    }
    let bounds = bounds(vm, &a)?;
    let len = value::length(&bounds);
    let (mut i, mut found) = (BigInt::zero(), 0);
    while i < len {
        if vm.eq(&vm.new_bigint(value::item(&bounds, &i))?, value)? {
            found += 1;
        }
        i += 1u8;
    }
    vm.new_int(found)
}

/// The range's methods.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("index", index).args(1, 1),
    BuiltinFn::new("count", count).args(1, 1),
    BuiltinFn::new("__reduce__", reduce).args(0, 0),
];

/// `__reduce__`: `(range, (start, stop, step))`.
fn reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = bounds(vm, &a)?
        .into_iter()
        .map(|b| vm.new_bigint(b))
        .collect::<PyResult<Vec<_>>>()?;
    let args = vm.new_tuple(args)?;
    vm.new_tuple(vec![vm.types.range.clone(), args])
}

fn part(vm: &Vm, a: Args<'_>, which: usize) -> PyResult {
    let bounds = bounds(vm, &a)?;
    vm.new_bigint(bounds[which].clone())
}

/// `start`, `stop` and `step`, installed as read-only attributes.
pub static ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("start", |vm, a| part(vm, a, 0)),
    BuiltinFn::new("stop", |vm, a| part(vm, a, 1)),
    BuiltinFn::new("step", |vm, a| part(vm, a, 2)),
];

/// `len(range)`: refused past `sys.maxsize`, as CPython's `range_length`.
pub fn len(vm: &Vm, bounds: &Bounds) -> PyResult<usize> {
    let n = value::length(bounds);
    num_traits::ToPrimitive::to_isize(&n)
        .map(|n| n as usize)
        .ok_or_else(|| {
            vm.new_exc(
                crate::vm::Exc::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        })
}
