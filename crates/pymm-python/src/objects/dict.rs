//! The `dict` type, as CPython's `Objects/dictobject.c`: its slots ([`TYPE`]) and methods.
//! The table itself (CPython 3.11's compact dict, in pymm's pools) is [`crate::objects::table`];
//! hashing and lookups, which sets and instance dicts share, are `vm/dict.rs`.

use crate::compile::CmpOp;
use crate::objects::iter::{DictPart, IterState};
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::iter::table_keys_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The dict type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "dict",
    len: Some(len),
    subscript: Some(subscript),
    ass_subscript: Some(ass_subscript),
    contains: Some(contains),
    iter: Some(table_keys_iter),
    repr: Some(repr),
    compare: Some(compare),
    methods: METHODS,
    ..TypeSlots::EMPTY
};

fn len(vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(vm.table_of(obj)?.borrow().len())
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    match vm.dict_get(obj, key)? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key.clone())),
    }
}

/// `d[key] = value`, or `del d[key]` without a value.
fn ass_subscript(vm: &Vm, obj: &PyRef, key: &PyRef, value: Option<PyRef>) -> PyResult<()> {
    match value {
        Some(value) => vm.dict_set(obj, key.clone(), value),
        None => match vm.dict_remove(obj, key)? {
            Some(old) => {
                drop(old);
                Ok(())
            }
            None => Err(vm.key_error(key.clone())),
        },
    }
}

fn contains(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult<bool> {
    vm.table_contains(obj, key)
}

fn repr(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    vm.repr_guarded(obj, "{...}", || {
        let entries = vm.table_pairs(obj)?;
        let mut parts = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            parts.push(format!("{}: {}", vm.repr(&k)?, vm.repr(&v)?));
        }
        Ok(format!("{{{}}}", parts.join(", ")))
    })
}

/// Dicts compare for equality only: the same keys, each with an equal value.
fn compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    if !matches!(&**b, Obj::Dict(_)) || !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(None);
    }
    Ok(Some(equal(vm, a, b)? == (op == CmpOp::Eq)))
}

fn equal(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<bool> {
    if len(vm, a)? != len(vm, b)? {
        return Ok(false);
    }
    let entries = vm.table_pairs(a)?;
    for (k, v) in entries {
        match vm.dict_get(b, &k)? {
            Some(w) if vm.eq(&v, &w)? => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// `dict` methods (`mapp_methods`).
static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("get", get).args(1, 2),
    BuiltinFn::new("keys", keys).args(0, 0),
    BuiltinFn::new("values", values).args(0, 0),
    BuiltinFn::new("items", items).args(0, 0),
    BuiltinFn::new("pop", pop).args(1, 2),
    BuiltinFn::new("setdefault", setdefault).args(1, 2),
    BuiltinFn::new("update", update),
    BuiltinFn::new("clear", clear).args(0, 0),
    BuiltinFn::new("__init__", dict_init),
    BuiltinFn::new("copy", copy).args(0, 0),
    BuiltinFn::new("popitem", popitem).args(0, 0),
    BuiltinFn::static_method("fromkeys", fromkeys),
];

fn fromkeys(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "fromkeys", 1, 2, &[])?;
    let d = vm.dict()?;
    let value = a.pos.get(1).cloned().unwrap_or_else(|| vm.none());
    if matches!(&*a.pos[0], Obj::Set(..) | Obj::Dict(_)) {
        // the keys keep the hashes their table holds (CPython's `_PyDict_FromKeys`)
        for (hash, k) in vm.set_entries(&a.pos[0])? {
            vm.dict_set_hashed(&d, k, hash, value.clone())?;
        }
        return Ok(d);
    }
    for k in vm.collect(&a.pos[0])? {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}

fn get(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "get", 2, 3, &[])?;
    Ok(vm
        .dict_get(&a.pos[0], &a.pos[1])?
        .unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or_else(|| vm.none())))
}

fn view(vm: &Vm, a: Args<'_>, part: DictPart) -> PyResult {
    vm.new_iter(IterState::View {
        dict: a.receiver(vm)?.clone(),
        part,
    })
}

fn keys(vm: &Vm, a: Args<'_>) -> PyResult {
    view(vm, a, DictPart::Keys)
}

fn values(vm: &Vm, a: Args<'_>) -> PyResult {
    view(vm, a, DictPart::Values)
}

fn items(vm: &Vm, a: Args<'_>) -> PyResult {
    view(vm, a, DictPart::Items)
}

fn pop(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "pop", 2, 3, &[])?;
    match vm.dict_remove(&a.pos[0], &a.pos[1])? {
        Some(v) => Ok(v),
        None => a
            .pos
            .get(2)
            .cloned()
            .ok_or_else(|| vm.key_error(a.pos[1].clone())),
    }
}

fn setdefault(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "setdefault", 2, 3, &[])?;
    if let Some(v) = vm.dict_get(&a.pos[0], &a.pos[1])? {
        return Ok(v);
    }
    let v = a.pos.get(2).cloned().unwrap_or_else(|| vm.none());
    vm.dict_set(&a.pos[0], a.pos[1].clone(), v.clone())?;
    Ok(v)
}

fn update(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = a.receiver(vm)?;
    if let Some(src) = a.pos.get(1) {
        vm.dict_update(d, src)?;
    }
    for (k, v) in a.kwnames.iter().zip(a.kwvals) {
        vm.dict_set(d, k.clone(), v.clone())?;
    }
    Ok(vm.none())
}

/// `dict.__init__(self, [source], **kwargs)`: what a subclass's `super().__init__` runs.
fn dict_init(vm: &Vm, a: Args<'_>) -> PyResult {
    clear(vm, Args::new(&a.pos[..1]))?;
    update(vm, a)
}

fn clear(vm: &Vm, a: Args<'_>) -> PyResult {
    let table = vm.table_of(a.receiver(vm)?)?;
    let old = table.borrow_mut().take_all();
    drop(old);
    Ok(vm.none())
}

fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.dict_copy(a.receiver(vm)?)
}

fn popitem(vm: &Vm, a: Args<'_>) -> PyResult {
    let table = vm.table_of(a.receiver(vm)?)?;
    let entry = table.borrow_mut().pop_last();
    match entry {
        Some(e) => vm.new_tuple(vec![e.key, e.value]),
        None => Err(vm.key_error(vm.str("popitem(): dictionary is empty")?)),
    }
}
