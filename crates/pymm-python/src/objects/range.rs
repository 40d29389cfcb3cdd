//! The methods and attributes of `range` (its slots live with the VM's generic operations:
//! `len`, indexing, iteration and comparison in `vm/`): `start`, `stop`, `step`, `index`,
//! `count` and `__reversed__`, as CPython's `Objects/rangeobject.c`.

use crate::objects::Obj;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::compare::{range_item, range_len};
use crate::vm::{PyResult, Vm};

/// `(start, stop, step)` of the range a method is called on.
fn bounds(vm: &Vm, a: &Args<'_>) -> PyResult<[i64; 3]> {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::Range(r)) => Ok(**r),
        _ => Err(vm.type_error("descriptor requires a 'range' object")),
    }
}

/// The position of `value` in the range: computed for an int, found by `==` otherwise
/// (CPython's sequence search, so `range(3).index(1.0)` is 1).
fn position(vm: &Vm, a: &Args<'_>) -> PyResult<Option<u128>> {
    let [start, stop, step] = bounds(vm, a)?;
    let value = &a.pos[1];
    let n = range_len(start, stop, step);
    if let Some(v) = value
        .as_i64()
        .filter(|_| !matches!(&**value, Obj::BigInt(_)))
    {
        let offset = v as i128 - start as i128;
        if offset % step as i128 != 0 {
            return Ok(None);
        }
        let i = offset / step as i128;
        return Ok((i >= 0 && (i as u128) < n).then_some(i as u128));
    }
    if matches!(&**value, Obj::BigInt(_)) {
        return Ok(None);
    }
    for i in 0..n {
        if vm.eq(&vm.new_int(range_item(start, step, i))?, value)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    match position(vm, &a)? {
        Some(i) => vm.new_int(i as i64),
        None if matches!(&*a.pos[1], Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_)) => {
            Err(vm.value_error(format!("{} is not in range", vm.repr(&a.pos[1])?)))
        }
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

/// `count(x)`: 0 or 1 for an int; for another value, how many items equal it.
fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = &a.pos[1];
    if matches!(&**value, Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_)) {
        return vm.new_int(i64::from(position(vm, &a)?.is_some()));
    }
    let [start, stop, step] = bounds(vm, &a)?;
    let mut found = 0;
    for i in 0..range_len(start, stop, step) {
        if vm.eq(&vm.new_int(range_item(start, step, i))?, value)? {
            found += 1;
        }
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
    let bounds = bounds(vm, &a)?;
    let args = bounds
        .iter()
        .map(|&b| vm.new_int(b))
        .collect::<PyResult<Vec<_>>>()?;
    let args = vm.new_tuple(args)?;
    vm.new_tuple(vec![vm.types.range.clone(), args])
}

fn part(vm: &Vm, a: Args<'_>, which: usize) -> PyResult {
    vm.new_int(bounds(vm, &a)?[which])
}

/// `start`, `stop` and `step`, installed as read-only attributes.
pub static ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("start", |vm, a| part(vm, a, 0)),
    BuiltinFn::new("stop", |vm, a| part(vm, a, 1)),
    BuiltinFn::new("step", |vm, a| part(vm, a, 2)),
];
