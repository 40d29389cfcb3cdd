//! Methods of `list` and `tuple`.

use super::functions::sort_values;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// `list` methods.
pub static LIST: &[BuiltinFn] = &[
    BuiltinFn::new("append", append).args(1, 1),
    BuiltinFn::new("extend", extend).args(1, 1),
    BuiltinFn::new("pop", pop).args(0, 1),
    BuiltinFn::new("insert", insert).args(2, 2),
    BuiltinFn::new("remove", remove).args(1, 1),
    BuiltinFn::new("index", index).args(1, 3),
    BuiltinFn::new("count", count).args(1, 1),
    BuiltinFn::new("sort", sort),
    BuiltinFn::new("reverse", reverse).args(0, 0),
    BuiltinFn::new("clear", clear).args(0, 0),
    BuiltinFn::new("copy", copy).args(0, 0),
    BuiltinFn::new("__init__", init),
];

/// `tuple` methods.
pub static TUPLE: &[BuiltinFn] = &[
    BuiltinFn::new("index", index).args(1, 3),
    BuiltinFn::new("count", count).args(1, 1),
];

fn list<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a crate::objects::ListCell> {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::List(l)) => Ok(l),
        _ => Err(vm.type_error("descriptor requires a 'list' object")),
    }
}

fn items(vm: &Vm, a: &Args<'_>) -> PyResult<Vec<PyRef>> {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::List(l)) => Ok(l.borrow().to_vec()),
        Some(Obj::Tuple(t)) => Ok(t.to_vec()),
        _ => Err(vm.type_error("expected a list or tuple")),
    }
}

/// `list.__init__(self, [iterable])`: what a subclass's `super().__init__` runs.
fn init(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "list", 1, 2, &[])?;
    let new = match a.pos.get(1) {
        Some(iterable) => vm.collect(iterable)?,
        None => Vec::new(),
    };
    let old = list(vm, &a)?.replace(new);
    drop(old);
    Ok(vm.none())
}

fn append(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "append", 2, 2, &[])?;
    list(vm, &a)?.append(a.pos[1].clone());
    Ok(vm.none())
}

fn extend(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "extend", 2, 2, &[])?;
    let new = vm.collect(&a.pos[1])?;
    list(vm, &a)?.borrow_mut().extend(new);
    Ok(vm.none())
}

fn pop(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "pop", 1, 2, &[])?;
    let l = list(vm, &a)?;
    let len = l.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.pos.get(1) {
        Some(i) => vm.seq_index(i, len, "pop")?,
        None => len - 1,
    };
    let v = l.borrow_mut().remove(i);
    Ok(v)
}

fn insert(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "insert", 3, 3, &[])?;
    let l = list(vm, &a)?;
    let len = l.borrow().len() as i64;
    let mut i = vm.index_value(&a.pos[1], "list")?;
    if i < 0 {
        i = (i + len).max(0);
    }
    l.borrow_mut().insert(i.min(len) as usize, a.pos[2].clone());
    Ok(vm.none())
}

fn find(vm: &Vm, a: &Args<'_>) -> PyResult<Option<usize>> {
    let all = items(vm, a)?;
    let target = a
        .pos
        .get(1)
        .ok_or_else(|| vm.type_error("expected 1 argument"))?;
    for (i, v) in all.iter().enumerate() {
        if vm.eq(v, target)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "remove", 2, 2, &[])?;
    match find(vm, &a)? {
        Some(i) => {
            let old = list(vm, &a)?.borrow_mut().remove(i);
            drop(old);
            Ok(vm.none())
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    match find(vm, &a)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            if matches!(&*a.pos[0], Obj::Tuple(_)) {
                return Err(vm.value_error("tuple.index(x): x not in tuple"));
            }
            let shown = vm.repr(&a.pos[1])?;
            Err(vm.value_error(format!("{shown} is not in list")))
        }
    }
}

fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    let all = items(vm, &a)?;
    let target = a
        .pos
        .get(1)
        .ok_or_else(|| vm.type_error("count() takes exactly one argument"))?;
    let mut n = 0;
    for v in &all {
        if vm.eq(v, target)? {
            n += 1;
        }
    }
    vm.new_int(n)
}

fn sort(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sort", 1, 1, &["key", "reverse"])?;
    let l = list(vm, &a)?;
    let mut values = l.replace(Vec::new());
    let reverse = match a.kw("reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    let result = sort_values(vm, &mut values, a.kw("key"), reverse);
    let emptied = l.replace(values);
    drop(emptied);
    result?;
    Ok(vm.none())
}

fn reverse(vm: &Vm, a: Args<'_>) -> PyResult {
    list(vm, &a)?.borrow_mut().reverse();
    Ok(vm.none())
}

fn clear(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut old = list(vm, &a)?.replace(Vec::new());
    while let Some(item) = old.pop() {
        drop(item);
    }
    Ok(vm.none())
}

fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let items = list(vm, &a)?.borrow().to_vec();
    vm.list(items)
}
