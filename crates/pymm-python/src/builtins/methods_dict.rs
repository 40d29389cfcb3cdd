//! Methods of `dict`.

use crate::objects::iter::{DictPart, IterState};
use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// `dict` methods.
pub static DICT: &[BuiltinFn] = &[
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
    for k in vm.collect(&a.pos[0])? {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}

pub(super) fn this<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a PyRef> {
    a.pos
        .first()
        .ok_or_else(|| vm.type_error("method needs a receiver"))
}

fn get(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "get", 2, 3, &[])?;
    Ok(vm
        .dict_get(&a.pos[0], &a.pos[1])?
        .unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or_else(|| vm.none())))
}

fn view(vm: &Vm, a: Args<'_>, part: DictPart) -> PyResult {
    vm.new_iter(IterState::View {
        dict: this(vm, &a)?.clone(),
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
    let d = this(vm, &a)?;
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
    let table = vm.table_of(this(vm, &a)?)?;
    let old = table.borrow_mut().take_all();
    drop(old);
    Ok(vm.none())
}

fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.dict_copy(this(vm, &a)?)
}

fn popitem(vm: &Vm, a: Args<'_>) -> PyResult {
    let table = vm.table_of(this(vm, &a)?)?;
    let entry = table.borrow_mut().pop_last();
    match entry {
        Some(e) => vm.new_tuple(vec![e.key, e.value]),
        None => Err(vm.key_error(vm.str("popitem(): dictionary is empty")?)),
    }
}
