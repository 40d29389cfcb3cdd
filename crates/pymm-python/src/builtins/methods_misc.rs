//! Methods of `object`, weak references and `BaseException`, and
//! the special methods iterators share.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `object` methods.
pub static OBJECT: &[BuiltinFn] = &[
    BuiltinFn::new("__init__", object_init),
    BuiltinFn::static_method("__new__", object_new),
    BuiltinFn::class_method("__init_subclass__", object_init_subclass),
    BuiltinFn::new("__setattr__", object_setattr),
    BuiltinFn::new("__delattr__", object_delattr),
    BuiltinFn::new("__getattribute__", object_getattribute),
    BuiltinFn::new("__sizeof__", object_sizeof).args(0, 0),
];

/// `object.__sizeof__()`: the object's bytes without the collector's links (what
/// `sys.getsizeof` adds back for a container).
fn object_sizeof(vm: &Vm, a: Args<'_>) -> PyResult {
    let obj = &a.pos[0];
    let size = crate::rt::getsizeof(&crate::rt::Gc::to_any(obj));
    let links = if crate::rt::Gc::is_container(obj) {
        crate::rt::GC_LINKS_SIZE
    } else {
        0
    };
    vm.new_int((size - links) as i64)
}
/// `weakref.ref`'s own methods (for subclasses: `ref.__new__(cls, ob, callback)` in a
/// `__new__`, `super().__init__(ob, callback)` in an `__init__`).
pub static WEAKREF: &[BuiltinFn] = &[
    BuiltinFn::static_method("__new__", weakref_new),
    BuiltinFn::new("__init__", weakref_init),
    BuiltinFn::new("__hash__", weakref_hash),
    BuiltinFn::new("__eq__", weakref_eq),
    BuiltinFn::new("__ne__", weakref_ne),
    BuiltinFn::new("__call__", weakref_call),
];

/// The weak reference object a `ref` method acts on (the value of a subclass instance).
fn weakref_receiver<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a PyRef> {
    let receiver = vm.builtin_receiver(&a.pos[0]);
    match &**receiver {
        Obj::WeakRef(_) => Ok(receiver),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'weakref.ReferenceType' object but received '{}'",
            vm.type_name(&a.pos[0])
        ))),
    }
}

/// `ref.__hash__`: the referent's hash, remembered once taken.
fn weakref_hash(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__hash__", 1, 1, &[])?;
    let receiver = weakref_receiver(vm, &a, "__hash__")?;
    vm.new_int(vm.hash(receiver)?)
}

/// `ref.__eq__` / `ref.__ne__`: referents compared while both live, else identity.
fn weakref_compare(vm: &Vm, a: Args<'_>, op: crate::compile::CmpOp) -> PyResult {
    a.check(vm, "__eq__", 2, 2, &[])?;
    let receiver = weakref_receiver(vm, &a, "__eq__")?;
    let other = vm.builtin_receiver(&a.pos[1]);
    if !matches!(&**other, Obj::WeakRef(_)) {
        return Ok(vm.not_implemented());
    }
    vm.compare(receiver, other, op)
}

fn weakref_eq(vm: &Vm, a: Args<'_>) -> PyResult {
    weakref_compare(vm, a, crate::compile::CmpOp::Eq)
}

fn weakref_ne(vm: &Vm, a: Args<'_>) -> PyResult {
    weakref_compare(vm, a, crate::compile::CmpOp::Ne)
}

/// `ref.__call__()`: the referent, or None once it died.
fn weakref_call(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__call__", 1, 1, &[])?;
    let receiver = weakref_receiver(vm, &a, "__call__")?;
    vm.call(receiver, &[])
}

/// `ref(ob, callback=None)` from a call's arguments; `reuse` shares the plain reference.
pub fn weakref_from_args(vm: &Vm, a: Args<'_>, reuse: bool) -> PyResult {
    let [target, rest @ ..] = a.pos else {
        return Err(vm.type_error("__new__ expected at least 1 argument, got 0"));
    };
    if a.pos.len() > 2 && reuse {
        return Err(vm.type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            a.pos.len()
        )));
    }
    if let Some(k) = a.kwnames.first() {
        return Err(vm.type_error(format!(
            "ref() takes no keyword arguments (got '{}')",
            k.as_str().unwrap_or("")
        )));
    }
    vm.new_weakref(target, rest.first().cloned(), reuse)
}

/// `ref.__new__(cls, ob, callback=None)`.
fn weakref_new(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some((cls, rest)) = a.pos.split_first() else {
        return Err(vm.type_error("ref.__new__(): not enough arguments"));
    };
    if crate::rt::Gc::ptr_eq(cls, &vm.types.weakref) {
        return weakref_from_args(vm, Args { pos: rest, ..a }, true);
    }
    if !vm.is_subclass(cls, &vm.types.weakref) {
        return Err(vm.type_error(format!(
            "ref.__new__({}): {} is not a subtype of weakref.ReferenceType",
            vm.repr(cls)?,
            vm.repr(cls)?
        )));
    }
    vm.allocate_instance(cls, Args { pos: rest, ..a })
}

/// `ref.__init__(self, ob, callback=None)`: the reference was made by `__new__`.
fn weakref_init(vm: &Vm, a: Args<'_>) -> PyResult {
    if !(2..=3).contains(&a.pos.len()) {
        return Err(vm.type_error(format!(
            "__init__ expected at most 2 arguments, got {}",
            a.pos.len().saturating_sub(1)
        )));
    }
    Ok(vm.none())
}

/// Special methods of iterators.
pub static ITERATOR: &[BuiltinFn] = &[
    BuiltinFn::new("__iter__", dunder_self),
    BuiltinFn::new("__next__", dunder_next),
];

fn dunder_self(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__iter__", 1, 1, &[])?;
    Ok(a.pos[0].clone())
}

fn dunder_next(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__next__", 1, 1, &[])?;
    // an instance of a subclass of a built-in iterator type advances its built-in value
    match vm.next(vm.builtin_receiver(&a.pos[0]))? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration_empty()),
    }
}

/// `BaseException` methods.
pub static BASE_EXCEPTION: &[BuiltinFn] = &[
    BuiltinFn::new("__init__", exception_init),
    BuiltinFn::new("with_traceback", with_traceback),
    BuiltinFn::new("add_note", add_note),
];

fn object_init(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.none())
}

/// `object.__getattribute__(self, name)`.
fn object_getattribute(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__getattribute__", 2, 2, &[])?;
    if a.pos[1].as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(&a.pos[1])
        )));
    }
    vm.generic_get_attr(&a.pos[0], &a.pos[1])
}

/// `object.__delattr__(self, name)`.
fn object_delattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__delattr__", 2, 2, &[])?;
    if a.pos[1].as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(&a.pos[1])
        )));
    }
    vm.generic_del_attr(&a.pos[0], &a.pos[1])?;
    Ok(vm.none())
}

/// `object.__new__(cls, *args)`: allocates an instance of `cls` (what `super().__new__(cls)`
/// reaches from a user-defined `__new__`).
fn object_new(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some((cls, rest)) = a.pos.split_first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    if !matches!(&**cls, Obj::Class(_)) {
        return Err(vm.type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(cls)
        )));
    }
    vm.allocate_instance(cls, Args::new(rest))
}

/// `object.__init_subclass__(cls)`: nothing to do, and no keywords accepted.
fn object_init_subclass(vm: &Vm, a: Args<'_>) -> PyResult {
    if !a.kwnames.is_empty() {
        let class = a
            .pos
            .first()
            .map_or("object".to_string(), |c| vm.class_name(c));
        return Err(vm.type_error(format!(
            "{class}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(vm.none())
}

fn object_setattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "__setattr__", 3, 3, &[])?;
    let name = match a.pos[1].as_str() {
        Some(s) => vm.intern(s),
        None => return Err(vm.type_error("attribute name must be string")),
    };
    vm.generic_set_attr(&a.pos[0], &name, a.pos[2].clone())?;
    Ok(vm.none())
}

fn exception_init(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some(this) = a.pos.first() else {
        return Err(vm.type_error("__init__ needs self"));
    };
    let args = vm.new_tuple(a.pos[1..].to_vec())?;
    vm.instance_set(this, &vm.intern("args"), args)?;
    if vm.is_subclass(&vm.type_of(this), vm.types.exc(Exc::OSError)) {
        vm.os_error_init(this, &a.pos[1..])?;
    }
    Ok(vm.none())
}

/// `BaseException.add_note(note)`: appends to the `__notes__` list (made on the first
/// note), which the printed report shows under the exception's message.
fn add_note(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "add_note", 2, 2, &[])?;
    let (exc, note) = (&a.pos[0], &a.pos[1]);
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
    }
    let name = vm.intern("__notes__");
    let notes = match vm.instance_get(exc, "__notes__") {
        Some(notes) => notes,
        None => {
            let notes = vm.list(Vec::new())?;
            vm.instance_set(exc, &name, notes.clone())?;
            notes
        }
    };
    let Obj::List(list) = &*notes else {
        return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
    };
    list.append(note.clone());
    Ok(vm.none())
}

fn with_traceback(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "with_traceback", 2, 2, &[])?;
    vm.instance_set(&a.pos[0], &vm.intern("__traceback__"), a.pos[1].clone())?;
    Ok(a.pos[0].clone())
}
