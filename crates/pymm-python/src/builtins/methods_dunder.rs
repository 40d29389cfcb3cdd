//! Special methods that CPython's built-in types have as attributes but that pymm's VM runs
//! through its own paths (`round()`, `reversed()`, `pow()` with a modulus, pickling's
//! `__getnewargs__`, `dir()`): here as methods, so that `(2.5).__round__()`,
//! `[1, 2].__reversed__()` or `"s".__getnewargs__()` work and `dir()` lists what CPython's
//! lists. Each runs the operation the VM already has.

use super::functions;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// `x.__round__(ndigits)`: `round(x, ndigits)`.
fn round(vm: &Vm, a: Args<'_>) -> PyResult {
    functions::round(vm, a)
}

/// `seq.__reversed__()`: `reversed()` of the built-in value (an instance of a subclass
/// passes its value, or `reversed()` would find this method again).
fn reversed(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = vm.builtin_receiver(&a.pos[0]).clone();
    functions::reversed(vm, Args::new(&[value]))
}

/// `s.__getnewargs__()`: a one-tuple of the plain value (what `copy` and `pickle` pass to
/// `__new__` for a subclass's instance).
fn getnewargs(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = vm.builtin_receiver(&a.pos[0]).clone();
    let plain = match &*value {
        Obj::Tuple(t) => vm.new_tuple(t.to_vec())?,
        _ => value,
    };
    vm.new_tuple(vec![plain])
}

/// `int.__round__` and `float.__round__`.
pub static ROUND: &[BuiltinFn] = &[BuiltinFn::new("__round__", round).args(0, 1)];

/// `list.__reversed__`, `dict.__reversed__` and `range.__reversed__`.
pub static REVERSED: &[BuiltinFn] = &[BuiltinFn::new("__reversed__", reversed).args(0, 0)];

/// `str.__getnewargs__`, `tuple.__getnewargs__` and `bytes.__getnewargs__`.
pub static GETNEWARGS: &[BuiltinFn] = &[BuiltinFn::new("__getnewargs__", getnewargs).args(0, 0)];

/// `object.__dir__()`: what `dir(obj)` lists.
fn object_dir(vm: &Vm, a: Args<'_>) -> PyResult {
    functions::dir(vm, Args::new(&a.pos[..1]))
}

/// `object.__subclasshook__(cls, subclass)`: no opinion (`NotImplemented`), so that
/// `issubclass` falls back to the resolution order; ABCs define their own.
fn object_subclasshook(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.not_implemented())
}

/// `object.__dir__` and `object.__subclasshook__`.
pub static OBJECT: &[BuiltinFn] = &[
    BuiltinFn::new("__dir__", object_dir).args(0, 0),
    BuiltinFn::class_method("__subclasshook__", object_subclasshook),
];

/// The class a method of `type` was called on.
fn class_receiver<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    match a.pos.first() {
        Some(c) if matches!(&**c, Obj::Class(_)) => Ok(c),
        Some(other) => Err(vm.type_error(format!(
            "descriptor '{name}' for 'type' objects doesn't apply to a '{}' object",
            vm.type_name(other)
        ))),
        None => Err(vm.type_error(format!("unbound method type.{name}() needs an argument"))),
    }
}

/// `type.mro(cls)`: the class and its resolution order, as a list.
fn type_mro(vm: &Vm, a: Args<'_>) -> PyResult {
    let class = class_receiver(vm, &a, "mro")?;
    vm.list(vm.mro(class))
}

/// `type.__subclasses__(cls)`: the live classes that name `cls` among their bases, in the
/// order they were made. Classes keep no list of their subclasses: the heap's referrers
/// of `cls` are searched (built-in types, which the collector does not track, are not
/// found as subclasses).
fn type_subclasses(vm: &Vm, a: Args<'_>) -> PyResult {
    let class = class_receiver(vm, &a, "__subclasses__")?;
    let mut found: Vec<(u64, PyRef)> = Vec::new();
    for obj in vm.heap.referrers(&[Gc::to_any(class)]) {
        let Ok(obj) = obj.downcast::<Obj>() else {
            continue;
        };
        if let Obj::Class(c) = &*obj {
            if c.bases.iter().any(|b| Gc::ptr_eq(b, class)) {
                found.push((c.serial, obj.clone()));
            }
        }
    }
    found.sort_by_key(|(serial, _)| *serial);
    vm.list(found.into_iter().map(|(_, c)| c).collect())
}

/// `type.mro` and `type.__subclasses__`.
pub static TYPE: &[BuiltinFn] = &[
    BuiltinFn::new("mro", type_mro).args(0, 0),
    BuiltinFn::new("__subclasses__", type_subclasses).args(0, 0),
];

/// The descriptor a method of `getset_descriptor` or `member_descriptor` was called on:
/// (its class, its name).
fn descr_receiver<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a (PyRef, PyRef)> {
    match a.pos.first().map(|d| &**d) {
        Some(Obj::GetSetDescr(d)) => Ok(d),
        _ => Err(vm.type_error("descriptor requires a 'member_descriptor' object")),
    }
}

/// `descr.__get__(obj, type=None)`: the descriptor itself for None, else obj's value.
fn descr_get(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, name) = descr_receiver(vm, &a)?;
    match a.pos.get(1) {
        Some(obj) if !vm.is_none(obj) => vm.getset_value(obj, name),
        _ => Ok(a.pos[0].clone()),
    }
}

fn descr_set(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, name) = descr_receiver(vm, &a)?;
    vm.set_attr(&a.pos[1], name, a.pos[2].clone())?;
    Ok(vm.none())
}

fn descr_delete(vm: &Vm, a: Args<'_>) -> PyResult {
    let (_, name) = descr_receiver(vm, &a)?;
    vm.del_attr(&a.pos[1], name)?;
    Ok(vm.none())
}

/// The methods of `getset_descriptor` and `member_descriptor`.
pub static DESCRIPTOR: &[BuiltinFn] = &[
    BuiltinFn::new("__get__", descr_get).args(1, 2),
    BuiltinFn::new("__set__", descr_set).args(2, 2),
    BuiltinFn::new("__delete__", descr_delete).args(1, 1),
];

/// Their `__name__` and `__objclass__`.
pub static DESCRIPTOR_ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("__name__", |vm, a| Ok(descr_receiver(vm, &a)?.1.clone())),
    BuiltinFn::new("__objclass__", |vm, a| {
        Ok(descr_receiver(vm, &a)?.0.clone())
    }),
];

/// `slice.indices(length)`: the (start, stop, step) the slice selects from a sequence of
/// that length.
fn slice_indices(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some(Obj::Slice(s)) = a.pos.first().map(|v| &**v) else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = vm.index_value(&a.pos[1], "slice")?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step) = vm.slice_indices(s, len as usize)?;
    let items = [start, stop, step].map(|v| vm.new_int(v));
    vm.new_tuple(items.into_iter().collect::<PyResult<Vec<_>>>()?)
}

/// `slice.indices`.
pub static SLICE: &[BuiltinFn] = &[BuiltinFn::new("indices", slice_indices).args(1, 1)];

fn slice_part(vm: &Vm, a: Args<'_>, which: usize) -> PyResult {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::Slice(s)) => Ok(s[which].clone()),
        _ => Err(vm.type_error("descriptor requires a 'slice' object")),
    }
}

/// `slice.start`, `slice.stop` and `slice.step`, installed as read-only attributes.
pub static SLICE_ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("start", |vm, a| slice_part(vm, a, 0)),
    BuiltinFn::new("stop", |vm, a| slice_part(vm, a, 1)),
    BuiltinFn::new("step", |vm, a| slice_part(vm, a, 2)),
];
