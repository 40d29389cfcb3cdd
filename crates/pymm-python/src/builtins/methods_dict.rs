//! Methods of `dict`, `set` and `frozenset`.

use crate::compile::BinOp;
use crate::objects::iter::{DictPart, IterState};
use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// `dict` methods.
pub static DICT: &[BuiltinFn] = &[
    BuiltinFn::new("get", get),
    BuiltinFn::new("keys", keys),
    BuiltinFn::new("values", values),
    BuiltinFn::new("items", items),
    BuiltinFn::new("pop", pop),
    BuiltinFn::new("setdefault", setdefault),
    BuiltinFn::new("update", update),
    BuiltinFn::new("clear", clear),
    BuiltinFn::new("__init__", dict_init),
    BuiltinFn::new("copy", copy),
    BuiltinFn::new("popitem", popitem),
    BuiltinFn::new("fromkeys", fromkeys),
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

/// `set` methods.
pub static SET: &[BuiltinFn] = &[
    BuiltinFn::new("add", add),
    BuiltinFn::new("remove", remove),
    BuiltinFn::new("discard", discard),
    BuiltinFn::new("pop", set_pop),
    BuiltinFn::new("clear", clear),
    BuiltinFn::new("copy", set_copy),
    BuiltinFn::new("update", set_update),
    BuiltinFn::new("__init__", set_init),
    BuiltinFn::new("union", union),
    BuiltinFn::new("intersection", intersection),
    BuiltinFn::new("difference", difference),
    BuiltinFn::new("symmetric_difference", symmetric_difference),
    BuiltinFn::new("issubset", issubset),
    BuiltinFn::new("issuperset", issuperset),
    BuiltinFn::new("isdisjoint", isdisjoint),
];

/// `frozenset` methods.
pub static FROZENSET: &[BuiltinFn] = &[
    BuiltinFn::new("copy", set_copy),
    BuiltinFn::new("union", union),
    BuiltinFn::new("intersection", intersection),
    BuiltinFn::new("difference", difference),
    BuiltinFn::new("symmetric_difference", symmetric_difference),
    BuiltinFn::new("issubset", issubset),
    BuiltinFn::new("issuperset", issuperset),
    BuiltinFn::new("isdisjoint", isdisjoint),
];

fn this<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a PyRef> {
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

/// `set.__init__(self, [iterable])`.
fn set_init(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set", 1, 2, &[])?;
    clear(vm, Args::new(&a.pos[..1]))?;
    set_update(vm, a)
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
    let last = table.borrow().last_pos();
    let entry = last.and_then(|p| table.borrow_mut().remove_at(p));
    match entry {
        Some(e) => vm.new_tuple(vec![e.key, e.value]),
        None => Err(vm.key_error(vm.str("popitem(): dictionary is empty")?)),
    }
}

fn add(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "add", 2, 2, &[])?;
    vm.set_add(&a.pos[0], a.pos[1].clone())?;
    Ok(vm.none())
}

fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "remove", 2, 2, &[])?;
    match vm.dict_remove(&a.pos[0], &a.pos[1])? {
        Some(_) => Ok(vm.none()),
        None => Err(vm.key_error(a.pos[1].clone())),
    }
}

fn discard(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "discard", 2, 2, &[])?;
    vm.dict_remove(&a.pos[0], &a.pos[1])?;
    Ok(vm.none())
}

fn set_pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let table = vm.table_of(this(vm, &a)?)?;
    let first = {
        let t = table.borrow();
        t.next_from(0).and_then(|(slot, _)| t.entry_pos_at(slot))
    };
    let entry = first.and_then(|p| table.borrow_mut().remove_at(p));
    match entry {
        Some(e) => Ok(e.key),
        None => Err(vm.key_error(vm.str("pop from an empty set")?)),
    }
}

fn set_copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let frozen = matches!(&**s, crate::objects::Obj::Set(_, true));
    vm.set_copy(s, frozen)
}

fn as_set(vm: &Vm, v: &PyRef) -> PyResult {
    if matches!(&**v, crate::objects::Obj::Set(..)) {
        return Ok(v.clone());
    }
    let s = vm.set(false)?;
    for k in vm.collect(v)? {
        vm.set_add(&s, k)?;
    }
    Ok(s)
}

fn set_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    for other in &a.pos[1..] {
        if matches!(&**other, crate::objects::Obj::Set(..)) {
            vm.set_merge(s, other)?;
            continue;
        }
        for k in vm.collect(other)? {
            vm.set_add(s, k)?;
        }
    }
    Ok(vm.none())
}

fn fold(vm: &Vm, a: Args<'_>, op: BinOp) -> PyResult {
    let mut acc = set_copy(vm, a)?;
    for other in &a.pos[1..] {
        acc = vm.binary_op(&acc, &as_set(vm, other)?, op, false)?;
    }
    Ok(acc)
}

fn union(vm: &Vm, a: Args<'_>) -> PyResult {
    fold(vm, a, BinOp::Or)
}

fn intersection(vm: &Vm, a: Args<'_>) -> PyResult {
    fold(vm, a, BinOp::And)
}

fn difference(vm: &Vm, a: Args<'_>) -> PyResult {
    fold(vm, a, BinOp::Sub)
}

fn symmetric_difference(vm: &Vm, a: Args<'_>) -> PyResult {
    fold(vm, a, BinOp::Xor)
}

fn subset(vm: &Vm, x: &PyRef, y: &PyRef) -> PyResult<bool> {
    for k in vm.collect(x)? {
        if !vm.table_contains(y, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issubset(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "issubset", 2, 2, &[])?;
    Ok(vm.bool(subset(vm, &a.pos[0], &as_set(vm, &a.pos[1])?)?))
}

fn issuperset(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "issuperset", 2, 2, &[])?;
    Ok(vm.bool(subset(vm, &as_set(vm, &a.pos[1])?, &a.pos[0])?))
}

fn isdisjoint(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isdisjoint", 2, 2, &[])?;
    for k in vm.collect(&a.pos[1])? {
        if vm.table_contains(&a.pos[0], &k)? {
            return Ok(vm.bool(false));
        }
    }
    Ok(vm.bool(true))
}
