//! The `tuple` type, as CPython's `Objects/tupleobject.c`: its layout ([`layout`]: the items
//! inline in the object's block), its slots ([`TYPE`]) and its methods.
//!
//! A tuple never changes, so its slots read the items in place; the caller's handle keeps
//! the tuple, and so its items, alive while Python code runs on them.

mod layout;

pub use layout::TupleItems;

use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::iter::seq_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The tuple type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "tuple",
    len: Some(len),
    subscript: Some(subscript),
    contains: Some(contains),
    iter: Some(seq_iter),
    repr: Some(repr),
    compare: Some(compare),
    concat: Some(concat),
    repeat: Some(repeat),
    methods: METHODS,
    ..TypeSlots::EMPTY
};

/// The tuple's items; the slots are only ever called with a tuple.
fn items(obj: &PyRef) -> &[PyRef] {
    match &**obj {
        Obj::Tuple(t) => t,
        _ => unreachable!("a tuple slot called with another type"),
    }
}

fn len(_vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(items(obj).len())
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    let items = items(obj);
    if let Obj::Slice(s) = &**key {
        let picked = vm.slice_pick(s, items)?;
        return vm.new_tuple(picked);
    }
    Ok(items[vm.seq_index(key, items.len(), "tuple")?].clone())
}

fn contains(vm: &Vm, obj: &PyRef, item: &PyRef) -> PyResult<bool> {
    Ok(find(vm, items(obj), item)?.is_some())
}

/// The first position whose item equals `target`.
fn find(vm: &Vm, items: &[PyRef], target: &PyRef) -> PyResult<Option<usize>> {
    for (i, v) in items.iter().enumerate() {
        if vm.eq(v, target)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn repr(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    vm.repr_guarded(obj, "(...)", || {
        let parts = items(obj)
            .iter()
            .map(|v| vm.repr(v))
            .collect::<PyResult<Vec<String>>>()?;
        Ok(match parts.as_slice() {
            [one] => format!("({one},)"),
            _ => format!("({})", parts.join(", ")),
        })
    })
}

fn compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    let Obj::Tuple(other) = &**b else {
        return Ok(None);
    };
    vm.seq_compare(items(a), other, op).map(Some)
}

fn concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let Obj::Tuple(other) = &**b else {
        return Ok(None);
    };
    let mut joined = Vec::with_capacity(items(a).len() + other.len());
    joined.extend_from_slice(items(a));
    joined.extend_from_slice(other);
    vm.new_tuple(joined).map(Some)
}

fn repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    vm.new_tuple(vm.repeat_slice(items(obj), n)?)
}

/// `tuple` methods (`tuple_methods`).
static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("index", index).args(1, 3),
    BuiltinFn::new("count", count).args(1, 1),
];

/// The receiver of a tuple method, which may be called unbound (`tuple.count(t, 1)`).
fn receiver<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a [PyRef]> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::Tuple(t)) => Ok(t),
        _ => Err(vm.type_error("descriptor requires a 'tuple' object")),
    }
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "index", 2, 4, &[])?;
    let all = receiver(vm, &a)?;
    let (start, stop) = vm.search_bounds(a.pos.get(2), a.pos.get(3), all.len())?;
    match find(vm, &all[start..stop.max(start)], &a.pos[1])? {
        Some(i) => vm.new_int((start + i) as i64),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}

fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "count", 2, 2, &[])?;
    let mut n = 0;
    for v in receiver(vm, &a)? {
        if vm.eq(v, &a.pos[1])? {
            n += 1;
        }
    }
    vm.new_int(n)
}
