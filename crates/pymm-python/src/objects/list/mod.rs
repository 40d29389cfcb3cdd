//! The `list` type, as CPython's `Objects/listobject.c`: its layout ([`layout`]), its slots
//! ([`TYPE`]: length, subscripts, `in`, iteration, repr, comparison, `+`, `+=`, `*`), its
//! methods, and its sort ([`sort`]).
//!
//! Items are compared, hashed and printed by Python code that may change the list under
//! us: every loop here takes a fresh borrow per item and checks the length again, as
//! CPython's loops re-read `Py_SIZE`, and no borrow is held while an item is dropped.

mod layout;
mod sort;

pub use layout::{BorrowError, ItemArrays, ItemVec, ListCell, ListMut, ListRef};
pub use sort::sort_values;

use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::iter::seq_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{Exc, PyResult, Vm};

/// The list type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "list",
    len: Some(len),
    subscript: Some(subscript),
    ass_subscript: Some(ass_subscript),
    contains: Some(contains),
    iter: Some(seq_iter),
    repr: Some(repr),
    compare: Some(compare),
    hash: None,
    concat: Some(concat),
    inplace_concat: Some(inplace_concat),
    repeat: Some(repeat),
    inplace_repeat: Some(inplace_repeat),
    methods: METHODS,
};

/// The list's payload; the slots are only ever called with a list.
fn cell(obj: &PyRef) -> &ListCell {
    match &**obj {
        Obj::List(l) => l,
        _ => unreachable!("a list slot called with another type"),
    }
}

/// A copy of the items, for work that runs Python code on each.
fn snapshot(obj: &PyRef) -> Vec<PyRef> {
    cell(obj).borrow().to_vec()
}

/// The item at `i`, if the list (as it is now) still has one.
fn item_at(obj: &PyRef, i: usize) -> Option<PyRef> {
    cell(obj).borrow().get(i).cloned()
}

fn len(_vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(cell(obj).len())
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    let items = cell(obj).borrow();
    if let Obj::Slice(s) = &**key {
        let (start, stop, step) = vm.slice_indices(s, items.len())?;
        if step == 1 {
            // `l[i:j]` and the copy `l[:]`: the items go straight into the new list's array
            let cell = ListCell::from_slice(&items[start as usize..stop.max(start) as usize]);
            drop(items);
            return vm.alloc(Obj::List(cell));
        }
        let picked = vm.slice_pick(s, &items)?;
        drop(items);
        return vm.list(picked);
    }
    let i = vm.seq_index(key, items.len(), "list")?;
    Ok(items[i].clone())
}

/// `obj[key] = value`, or `del obj[key]` without a value (`list_ass_subscript`).
fn ass_subscript(vm: &Vm, obj: &PyRef, key: &PyRef, value: Option<PyRef>) -> PyResult<()> {
    let l = cell(obj);
    if let Obj::Slice(s) = &**key {
        return match value {
            Some(value) => assign_slice(vm, l, s, &value),
            None => delete_slice(vm, l, s),
        };
    }
    // the index's type is checked first: "list indices must be integers or slices"
    let i = vm.index_value(key, "list")?;
    let i = vm.seq_position(i, l.len(), "list assignment")?;
    let old = match value {
        Some(value) => std::mem::replace(&mut l.borrow_mut()[i], value),
        None => l.borrow_mut().remove(i),
    };
    drop(old);
    Ok(())
}

fn assign_slice(vm: &Vm, l: &ListCell, s: &[PyRef; 3], value: &PyRef) -> PyResult<()> {
    let len = l.len();
    let (start, stop, step) = vm.slice_indices(s, len)?;
    if step == 1 && store_run(l, start as usize..stop.max(start) as usize, value) {
        return Ok(());
    }
    let items = sequence_fast(
        vm,
        value,
        if step == 1 {
            "can only assign an iterable"
        } else {
            "must assign iterable to extended slice"
        },
    )?;
    if step != 1 {
        let positions = vm.slice_positions(s, len)?;
        if positions.len() != items.len() {
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                positions.len()
            )));
        }
        let mut old = Vec::with_capacity(items.len());
        for (p, v) in positions.into_iter().zip(items) {
            old.push(std::mem::replace(&mut l.borrow_mut()[p], v));
        }
        drop(old);
        return Ok(());
    }
    let (start, stop) = (start as usize, stop.max(start) as usize);
    let mut removed: Vec<PyRef> = if stop - start == items.len() {
        // as many items as the slice had (`l[:] = ...` of the same length): stored in
        // place, the rest of the list unmoved
        let mut l = l.borrow_mut();
        (start..stop)
            .zip(items)
            .map(|(i, v)| std::mem::replace(&mut l[i], v))
            .collect()
    } else {
        l.borrow_mut().splice(start..stop, items).collect()
    };
    // dropped after the borrow ends (a finalizer may look at the list), last first as
    // CPython's `list_ass_slice` does
    while let Some(old) = removed.pop() {
        drop(old);
    }
    Ok(())
}

/// `l[i:j] = value` where `value` is another list or a tuple of exactly `j - i` items
/// (pyflate's `l[:] = l[c:c+1] + l[0:c] + l[c+1:]`): each item stored over the old one in
/// place, without the copy of `value`'s items and the vector of removed ones the general
/// path makes; false, changing nothing, for anything else. An old item another handle
/// keeps alive is released at once (that frees nothing and runs no code); one whose last
/// handle this was is released after the borrows end, last first as CPython's
/// `list_ass_slice` does, since its `__del__` may look at the list.
fn store_run(l: &ListCell, run: std::ops::Range<usize>, value: &PyRef) -> bool {
    let source = match &**value {
        Obj::List(other) if !std::ptr::eq(other, l) => match other.try_borrow() {
            Ok(borrowed) => Some(borrowed),
            Err(_) => return false,
        },
        _ => None,
    };
    let items: &[PyRef] = match (&source, &**value) {
        (Some(borrowed), _) => borrowed,
        (None, Obj::Tuple(items)) => &items[..],
        (None, _) => return false,
    };
    if items.len() != run.len() {
        return false;
    }
    let Ok(mut dst) = l.try_borrow_mut() else {
        return false;
    };
    let mut dying = Vec::new();
    for (slot, v) in dst[run].iter_mut().zip(items) {
        let old = std::mem::replace(slot, v.clone());
        if Gc::ref_count(&old) == 1 {
            dying.push(old);
        }
    }
    drop(dst);
    drop(source);
    while let Some(old) = dying.pop() {
        drop(old);
    }
    true
}

/// The items of `value`, with `message` for a TypeError from `iter(value)`
/// (`PySequence_Fast`).
fn sequence_fast(vm: &Vm, value: &PyRef, message: &str) -> PyResult<Vec<PyRef>> {
    if let Obj::List(_) | Obj::Tuple(_) = &**value {
        return vm.collect(value);
    }
    let it = vm.get_iter(value).map_err(|e| {
        if vm.exc_matches(&e.0, Exc::TypeError) {
            vm.type_error(message)
        } else {
            e
        }
    })?;
    vm.collect(&it)
}

fn delete_slice(vm: &Vm, l: &ListCell, s: &[PyRef; 3]) -> PyResult<()> {
    let mut positions = vm.slice_positions(s, l.len())?;
    positions.sort_unstable();
    let mut removed = Vec::with_capacity(positions.len());
    for p in positions.into_iter().rev() {
        removed.push(l.borrow_mut().remove(p));
    }
    drop(removed);
    Ok(())
}

fn contains(vm: &Vm, obj: &PyRef, item: &PyRef) -> PyResult<bool> {
    Ok(find(vm, obj, item, 0, usize::MAX)?.is_some())
}

/// The first position in `start..stop` whose item equals `target` (`list.index`'s search).
fn find(
    vm: &Vm,
    obj: &PyRef,
    target: &PyRef,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(v) = item_at(obj, i) else {
            return Ok(None);
        };
        if vm.eq(&v, target)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn repr(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    vm.repr_guarded(obj, "[...]", || {
        let mut parts = Vec::with_capacity(cell(obj).len());
        let mut i = 0;
        while let Some(v) = item_at(obj, i) {
            parts.push(vm.repr(&v)?);
            i += 1;
        }
        Ok(format!("[{}]", parts.join(", ")))
    })
}

fn compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    if !matches!(&**b, Obj::List(_)) {
        return Ok(None);
    }
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && cell(a).len() != cell(b).len() {
        return Ok(Some(op == CmpOp::Ne));
    }
    let (x, y) = (snapshot(a), snapshot(b));
    vm.seq_compare(&x, &y, op).map(Some)
}

fn concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let Obj::List(other) = &**b else {
        return Ok(None);
    };
    let joined = ListCell::from_slices(&cell(a).borrow(), &other.borrow());
    vm.alloc(Obj::List(joined)).map(Some)
}

/// `a += b` extends `a` by any iterable (`list_inplace_concat`).
fn inplace_concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let more = vm.collect(b)?;
    cell(a).borrow_mut().extend(more);
    Ok(Some(a.clone()))
}

fn repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    let items = snapshot(obj);
    vm.list(vm.repeat_slice(&items, n)?)
}

/// `a *= n` repeats `a`'s items in place (`list_inplace_repeat`).
fn inplace_repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    let repeated = vm.repeat_slice(&snapshot(obj), n)?;
    // the old items drop after the list holds the new ones (a `__del__` sees it repeated)
    drop(cell(obj).replace(repeated));
    Ok(obj.clone())
}

/// `list` methods (`list_methods`).
static METHODS: &[BuiltinFn] = &[
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

/// The receiver of a list method, which may be called unbound (`list.append(x, 1)`), also on
/// an instance of a subclass of list (its list value).
fn receiver<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a ListCell> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::List(l)) => Ok(l),
        _ => Err(vm.type_error("descriptor requires a 'list' object")),
    }
}

/// `list.__init__(self, [iterable])`: what a subclass's `super().__init__` runs.
fn init(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "list", 1, 2, &[])?;
    let new = match a.pos.get(1) {
        Some(iterable) => vm.collect(iterable)?,
        None => Vec::new(),
    };
    let old = receiver(vm, &a)?.replace(new);
    drop(old);
    Ok(vm.none())
}

fn append(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "append", 2, 2, &[])?;
    receiver(vm, &a)?.append(a.pos[1].clone());
    Ok(vm.none())
}

fn extend(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "extend", 2, 2, &[])?;
    let new = vm.collect(&a.pos[1])?;
    receiver(vm, &a)?.borrow_mut().extend(new);
    Ok(vm.none())
}

fn pop(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "pop", 1, 2, &[])?;
    let l = receiver(vm, &a)?;
    let len = l.len();
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
    let l = receiver(vm, &a)?;
    let len = l.len() as i64;
    let mut i = vm.index_value(&a.pos[1], "list")?;
    if i < 0 {
        i = (i + len).max(0);
    }
    l.borrow_mut().insert(i.min(len) as usize, a.pos[2].clone());
    Ok(vm.none())
}

fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "remove", 2, 2, &[])?;
    let l = receiver(vm, &a)?;
    match find(vm, &a.pos[0], &a.pos[1], 0, usize::MAX)? {
        Some(i) => {
            let old = l.borrow_mut().remove(i);
            drop(old);
            Ok(vm.none())
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "index", 2, 4, &[])?;
    let len = receiver(vm, &a)?.len();
    let (start, stop) = vm.search_bounds(a.pos.get(2), a.pos.get(3), len)?;
    match find(vm, &a.pos[0], &a.pos[1], start, stop)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            let shown = vm.repr(&a.pos[1])?;
            Err(vm.value_error(format!("{shown} is not in list")))
        }
    }
}

fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "count", 2, 2, &[])?;
    receiver(vm, &a)?;
    let mut n = 0;
    let mut i = 0;
    while let Some(v) = item_at(&a.pos[0], i) {
        if vm.eq(&v, &a.pos[1])? {
            n += 1;
        }
        i += 1;
    }
    vm.new_int(n)
}

fn sort(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sort", 1, 1, &["key", "reverse"])?;
    let l = receiver(vm, &a)?;
    // the list is empty while it sorts, as in CPython: a key or `__lt__` that looks at it
    // sees `[]`, and changes it made are dropped
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
    receiver(vm, &a)?.borrow_mut().reverse();
    Ok(vm.none())
}

fn clear(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut old = receiver(vm, &a)?.replace(Vec::new());
    while let Some(item) = old.pop() {
        drop(item);
    }
    Ok(vm.none())
}

fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let items = receiver(vm, &a)?.borrow().to_vec();
    vm.list(items)
}
