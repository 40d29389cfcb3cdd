//! The `set` and `frozenset` types, as CPython's `Objects/setobject.c`: their slots
//! ([`SET_TYPE`], [`FROZENSET_TYPE`]) and methods, and the set algebra ([`algebra`]) done
//! step for step as CPython does it, so that results iterate in CPython's order. The table
//! (open addressing, in pymm's pools) is [`crate::objects::table`].

mod algebra;

use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::iter::table_keys_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The set type's slots and methods.
pub static SET_TYPE: TypeSlots = TypeSlots {
    name: "set",
    len: Some(len),
    contains: Some(contains),
    iter: Some(table_keys_iter),
    repr: Some(repr),
    compare: Some(compare),
    methods: SET_METHODS,
    ..TypeSlots::EMPTY
};

/// The frozenset type's slots and methods: a set's, without the ones that change it.
pub static FROZENSET_TYPE: TypeSlots = TypeSlots {
    name: "frozenset",
    methods: FROZENSET_METHODS_TABLE,
    ..SET_TYPE
};

fn len(vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(vm.table_of(obj)?.borrow().len())
}

fn contains(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult<bool> {
    with_frozen_key(vm, key, |key| vm.table_contains(obj, key))
}

/// Runs a lookup of `key`; a set key, unhashable, is looked up again as the frozenset of
/// its items (CPython's `set_contains`, `set_remove` and `set_discard` do so, so that
/// `{1} in {frozenset({1})}` holds).
fn with_frozen_key<T>(vm: &Vm, key: &PyRef, lookup: impl Fn(&PyRef) -> PyResult<T>) -> PyResult<T> {
    let err = match lookup(key) {
        Err(err) if vm.exc_matches(&err.0, crate::vm::Exc::TypeError) => err,
        other => return other,
    };
    let items = vm.builtin_receiver(key);
    if !matches!(&**items, Obj::Set(_, false)) {
        return Err(err);
    }
    drop(err);
    lookup(&vm.set_copy(items, true)?)
}

/// The repr of a set, or of an instance of a subclass (whose built-in value is the set).
fn repr(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    repr_as(vm, obj, vm.builtin_receiver(obj))
}

/// The repr of `set` as `shown` (the set itself, or the instance of a subclass whose
/// built-in value it is) shows it, as CPython's `set_repr`: `{1, 2}` for a set, else the
/// type's name around it (`frozenset({1})`, `S({1})`), `S()` when empty, `S(...)` when met
/// again while its own repr is being made.
fn repr_as(vm: &Vm, shown: &PyRef, set: &PyRef) -> PyResult<String> {
    let name = vm.type_name(shown);
    vm.repr_guarded(shown, &format!("{name}(...)"), || {
        let keys = vm.set_keys(set)?;
        if keys.is_empty() {
            return Ok(format!("{name}()"));
        }
        let shown_keys = keys
            .iter()
            .map(|k| vm.repr(k))
            .collect::<PyResult<Vec<String>>>()?
            .join(", ");
        Ok(match &**shown {
            Obj::Set(_, false) => format!("{{{shown_keys}}}"),
            _ => format!("{name}({{{shown_keys}}})"),
        })
    })
}

fn compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    if !matches!(&**b, Obj::Set(..)) {
        return Ok(None);
    }
    compare_keys(vm, a, b, op).map(Some)
}

/// `a <op> b` for two sets (or dict key views made sets): subset and superset order.
fn compare_keys(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<bool> {
    let (la, lb) = (len(vm, a)?, len(vm, b)?);
    Ok(match op {
        CmpOp::Eq => la == lb && subset(vm, a, b)?,
        CmpOp::Ne => !(la == lb && subset(vm, a, b)?),
        CmpOp::Le => subset(vm, a, b)?,
        CmpOp::Lt => la < lb && subset(vm, a, b)?,
        CmpOp::Ge => subset(vm, b, a)?,
        CmpOp::Gt => la > lb && subset(vm, b, a)?,
    })
}

/// `set` methods: the ones that change the set, then the `FROZENSET_METHODS` both share.
static SET_METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("add", add).args(1, 1),
    BuiltinFn::new("remove", remove).args(1, 1),
    BuiltinFn::new("discard", discard).args(1, 1),
    BuiltinFn::new("pop", pop).args(0, 0),
    BuiltinFn::new("clear", clear).args(0, 0),
    BuiltinFn::new("update", update),
    BuiltinFn::new("difference_update", difference_update),
    BuiltinFn::new("intersection_update", intersection_update),
    BuiltinFn::new("symmetric_difference_update", symmetric_difference_update),
    BuiltinFn::new("__init__", init),
    BuiltinFn::new("copy", copy).args(0, 0),
    BuiltinFn::new("union", union),
    BuiltinFn::new("intersection", intersection),
    BuiltinFn::new("difference", difference),
    BuiltinFn::new("symmetric_difference", symmetric_difference),
    BuiltinFn::new("issubset", issubset),
    BuiltinFn::new("issuperset", issuperset),
    BuiltinFn::new("isdisjoint", isdisjoint),
];

/// How many methods, at the end of `SET_METHODS`, frozenset has too.
const FROZENSET_METHODS: usize = 8;

/// `frozenset` methods: the last `FROZENSET_METHODS` of `SET_METHODS`, from `copy` on.
static FROZENSET_METHODS_TABLE: &[BuiltinFn] = SET_METHODS
    .split_at(SET_METHODS.len() - FROZENSET_METHODS)
    .1;

fn add(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "add", 2, 2, &[])?;
    vm.set_add(&a.pos[0], a.pos[1].clone())?;
    Ok(vm.none())
}

fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "remove", 2, 2, &[])?;
    match with_frozen_key(vm, &a.pos[1], |key| vm.dict_remove(&a.pos[0], key))? {
        Some(_) => Ok(vm.none()),
        None => Err(vm.key_error(a.pos[1].clone())),
    }
}

fn discard(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "discard", 2, 2, &[])?;
    with_frozen_key(vm, &a.pos[1], |key| vm.dict_remove(&a.pos[0], key))?;
    Ok(vm.none())
}

fn pop(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "pop", 1, 1, &[])?;
    vm.set_pop(&a.pos[0])
}

fn clear(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.set_clear(a.receiver(vm)?)?;
    Ok(vm.none())
}

/// `s.copy()`; a frozenset is its own copy.
fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.receiver(vm)?;
    match &**s {
        Obj::Set(_, true) => Ok(s.clone()),
        _ => vm.set_copy(s, false),
    }
}

/// A set with the items of `v` (itself when it is one), for the comparisons below.
fn as_set(vm: &Vm, v: &PyRef) -> PyResult {
    if matches!(&**v, Obj::Set(..)) {
        return Ok(v.clone());
    }
    let s = vm.set(false)?;
    vm.set_update(&s, v)?;
    Ok(s)
}

/// `set.__init__(self, [iterable])`: what a subclass's `super().__init__` runs.
fn init(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set", 1, 2, &[])?;
    clear(vm, Args::new(&a.pos[..1]))?;
    update(vm, a)
}

fn update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.receiver(vm)?;
    for other in &a.pos[1..] {
        vm.set_update(s, other)?;
    }
    Ok(vm.none())
}

fn difference_update(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = a.receiver(vm)?;
    for other in &a.pos[1..] {
        vm.set_difference_update(s, other)?;
    }
    Ok(vm.none())
}

fn intersection_update(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.set_intersection_update(a.receiver(vm)?, &a.pos[1..])?;
    Ok(vm.none())
}

fn symmetric_difference_update(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "symmetric_difference_update", 2, 2, &[])?;
    vm.set_symmetric_difference_update(&a.pos[0], &a.pos[1])?;
    Ok(vm.none())
}

fn union(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.set_union(a.receiver(vm)?, &a.pos[1..])
}

fn intersection(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.set_intersection_multi(a.receiver(vm)?, &a.pos[1..])
}

fn difference(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.set_difference_multi(a.receiver(vm)?, &a.pos[1..])
}

fn symmetric_difference(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "symmetric_difference", 2, 2, &[])?;
    vm.set_symmetric_difference(&a.pos[0], &a.pos[1])
}

/// `x <= y` for two sets (`set_issubset`): a larger `x` is no subset; else each key of `x`
/// is looked up in `y` with the hash `x`'s table keeps.
fn subset(vm: &Vm, x: &PyRef, y: &PyRef) -> PyResult<bool> {
    if len(vm, x)? > len(vm, y)? {
        return Ok(false);
    }
    if let Some(answer) = vm.set_subset_native(x, y)? {
        return Ok(answer);
    }
    for (hash, key) in vm.set_entries(x)? {
        if !vm.set_contains_hashed(y, &key, hash)? {
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
    let (set, other) = (&a.pos[0], &a.pos[1]);
    if matches!(&**other, Obj::Set(..)) {
        // `set_isdisjoint`: the smaller set is walked, its keys looked up in the larger
        let (small, large) = if len(vm, other)? > len(vm, set)? {
            (set, other)
        } else {
            (other, set)
        };
        for (hash, key) in vm.set_entries(small)? {
            if vm.set_contains_hashed(large, &key, hash)? {
                return Ok(vm.bool(false));
            }
        }
        return Ok(vm.bool(true));
    }
    for k in vm.collect(other)? {
        if vm.table_contains(set, &k)? {
            return Ok(vm.bool(false));
        }
    }
    Ok(vm.bool(true))
}
