//! The `property` type, as CPython's `Objects/descrobject.c` (`property_*`): its three
//! accessors, its `__doc__` (given, or taken from the getter), the name `__set_name__` gives
//! it (for error messages), its methods (`getter`, `setter`, `deleter`, `__set_name__`) and
//! its own attributes (`fget`, `fset`, `fdel`, `__doc__`, `__isabstractmethod__`).

use std::cell::RefCell;

use crate::objects::{Obj, PyRef};
use crate::rt::Tracer;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};

/// A property: what `Obj::Property` holds.
pub struct PropertyObj {
    /// `fget`, `fset`, `fdel` (None when not given).
    pub accessors: [Option<PyRef>; 3],
    /// `__doc__`: writable, as CPython's `prop_doc` member.
    doc: RefCell<Option<PyRef>>,
    /// True when `doc` was the getter's docstring: a new getter (`.getter`) brings its own.
    getter_doc: bool,
    /// The attribute name `__set_name__` gave it.
    name: RefCell<Option<PyRef>>,
}

/// Which accessor an access needs (the slot in [`PropertyObj::accessors`]).
#[derive(Clone, Copy)]
pub enum Accessor {
    /// `obj.attr`.
    Get = 0,
    /// `obj.attr = value`.
    Set = 1,
    /// `del obj.attr`.
    Delete = 2,
}

impl PropertyObj {
    /// A property with only a getter, no docstring (the built-in types' read-only attributes).
    pub fn getter_only(getter: PyRef) -> Self {
        Self {
            accessors: [Some(getter), None, None],
            doc: RefCell::new(None),
            getter_doc: false,
            name: RefCell::new(None),
        }
    }

    /// Keeps the attribute name it was given (`__set_name__`), for error messages.
    pub fn remember_name(&self, name: PyRef) {
        *self.name.borrow_mut() = Some(name);
    }

    /// Visits the references it holds.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        for f in self.accessors.iter().flatten() {
            tracer.visit(f);
        }
        for cell in [&self.doc, &self.name] {
            match cell.try_borrow() {
                Ok(v) => v.iter().for_each(|v| tracer.visit(v)),
                Err(_) => tracer.mark_busy(),
            }
        }
    }
}

/// The property `obj` is: a property, or an instance of a subclass of property (whose
/// built-in value is one).
pub fn of(obj: &PyRef) -> Option<&PropertyObj> {
    match &**obj {
        Obj::Property(p) => Some(p),
        Obj::Instance(inst) => match inst.base_value().map(|v| &**v) {
            Some(Obj::Property(p)) => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// A new instance of a subclass of property gets the docstring as its `__doc__` attribute,
/// where the subclass's own `__doc__` would otherwise shadow it; a subclass whose instances
/// have no `__dict__` raises AttributeError (CPython's `property_init_impl`).
pub fn init_subclass_instance(vm: &Vm, inst: &PyRef) -> PyResult<()> {
    let Some(prop) = of(inst) else {
        return Ok(());
    };
    let doc = prop.doc.borrow().clone().unwrap_or_else(|| vm.none());
    vm.set_attr(inst, &vm.intern("__doc__"), doc)
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`: with no `doc`, the getter's
/// `__doc__` is the property's (CPython's `property_init_impl`).
pub fn new_property(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "property", 0, 4, &["fget", "fset", "fdel", "doc"])?;
    let arg = |i: usize, name: &str| a.get(i, name).filter(|v| !vm.is_none(v)).cloned();
    let accessors = [arg(0, "fget"), arg(1, "fset"), arg(2, "fdel")];
    let doc = arg(3, "doc");
    build(vm, accessors, doc, None)
}

/// A property of these accessors; `doc` None takes the getter's docstring.
fn build(
    vm: &Vm,
    accessors: [Option<PyRef>; 3],
    doc: Option<PyRef>,
    name: Option<PyRef>,
) -> PyResult {
    let (doc, getter_doc) = match (doc, &accessors[0]) {
        (Some(doc), _) => (Some(doc), false),
        (None, Some(getter)) => match vm.get_attr(getter, &vm.intern("__doc__")) {
            Ok(doc) if !vm.is_none(&doc) => (Some(doc), true),
            Ok(_) => (None, false),
            Err(err) if vm.exc_matches(&err.0, Exc::AttributeError) => (None, false),
            Err(err) => return Err(err),
        },
        (None, None) => (None, false),
    };
    vm.alloc(Obj::Property(Box::new(PropertyObj {
        accessors,
        doc: RefCell::new(doc),
        getter_doc,
        name: RefCell::new(name),
    })))
}

/// The error of an access whose accessor the property lacks: CPython 3.11's
/// "property 'x' of 'C' object has no getter" (no name: "property of 'C' object ...").
pub fn missing_accessor(vm: &Vm, prop: &PropertyObj, obj: &PyRef, which: Accessor) -> PyErr {
    let what = match which {
        Accessor::Get => "getter",
        Accessor::Set => "setter",
        Accessor::Delete => "deleter",
    };
    let class = vm.type_of(obj);
    let owner = match vm.get_attr(&class, &vm.intern("__qualname__")) {
        Ok(q) => q
            .as_str()
            .map_or_else(|| vm.type_name(obj).to_string(), str::to_string),
        Err(_) => vm.type_name(obj).to_string(),
    };
    let name = prop.name.borrow().as_ref().map(|n| vm.repr(n));
    let message = match name {
        Some(Ok(name)) => format!("property {name} of '{owner}' object has no {what}"),
        _ => format!("property of '{owner}' object has no {what}"),
    };
    vm.new_exc(Exc::AttributeError, message)
}

/// Runs the property's accessor for an access on `obj` (`args` after `obj`).
pub fn access(
    vm: &Vm,
    prop: &PropertyObj,
    obj: &PyRef,
    which: Accessor,
    args: &[PyRef],
) -> PyResult {
    match &prop.accessors[which as usize] {
        Some(f) => {
            let mut call_args = Vec::with_capacity(1 + args.len());
            call_args.push(obj.clone());
            call_args.extend_from_slice(args);
            vm.call(f, &call_args)
        }
        None => Err(missing_accessor(vm, prop, obj, which)),
    }
}

/// A property's own attributes (`fget`, `fset`, `fdel`, `__doc__`, `__isabstractmethod__`).
pub fn property_attr(vm: &Vm, prop: &PropertyObj, key: &str) -> Option<PyResult> {
    let value = match key {
        "fget" | "fset" | "fdel" => {
            let slot = match key {
                "fget" => 0,
                "fset" => 1,
                _ => 2,
            };
            prop.accessors[slot].clone()
        }
        "__doc__" => prop.doc.borrow().clone(),
        "__isabstractmethod__" => return Some(is_abstract(vm, prop)),
        _ => return None,
    };
    Some(Ok(value.unwrap_or_else(|| vm.none())))
}

/// `property.__isabstractmethod__`: true when one of its accessors is abstract (each
/// accessor's `__isabstractmethod__` is tested for truth; an error in that test is raised).
fn is_abstract(vm: &Vm, prop: &PropertyObj) -> PyResult {
    let name = vm.intern("__isabstractmethod__");
    for f in prop.accessors.iter().flatten() {
        match vm.get_attr(f, &name) {
            Ok(v) if vm.truthy(&v)? => return Ok(vm.bool(true)),
            Ok(_) => {}
            Err(err) if vm.exc_matches(&err.0, Exc::AttributeError) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(vm.bool(false))
}

/// `prop.__doc__ = value` (the only writable attribute); false for any other name.
pub fn set_property_attr(prop: &PropertyObj, key: &str, value: Option<PyRef>) -> bool {
    if key != "__doc__" {
        return false;
    }
    *prop.doc.borrow_mut() = value;
    true
}

/// `property` methods: the decorators making a copy with one accessor replaced, and
/// `__set_name__`.
pub static PROPERTY_METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("getter", getter),
    BuiltinFn::new("setter", setter),
    BuiltinFn::new("deleter", deleter),
    BuiltinFn::new("__set_name__", set_name),
];

/// `prop.getter(f)` / `.setter(f)` / `.deleter(f)`: a new property with `f` in `slot`
/// (CPython's `property_copy`): the docstring goes along, unless it was the getter's and
/// the getter is the one replaced.
fn copy_with(vm: &Vm, a: Args<'_>, method: &str, slot: usize) -> PyResult {
    a.check(vm, method, 2, 2, &[])?;
    let Obj::Property(prop) = &*a.pos[0] else {
        return Err(vm.type_error(format!(
            "descriptor '{method}' requires a 'property' object"
        )));
    };
    let mut accessors = prop.accessors.clone();
    accessors[slot] = Some(a.pos[1].clone()).filter(|f| !vm.is_none(f));
    // a docstring taken from the getter is taken again from the copy's getter
    let doc = if prop.getter_doc {
        None
    } else {
        prop.doc.borrow().clone()
    };
    build(vm, accessors, doc, prop.name.borrow().clone())
}

fn getter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, "getter", 0)
}

fn setter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, "setter", 1)
}

fn deleter(vm: &Vm, a: Args<'_>) -> PyResult {
    copy_with(vm, a, "deleter", 2)
}

/// `prop.__set_name__(owner, name)`: remembers the name for error messages.
fn set_name(vm: &Vm, a: Args<'_>) -> PyResult {
    if a.pos.len() != 3 || !a.kwnames.is_empty() {
        return Err(vm.type_error(format!(
            "__set_name__() takes 2 positional arguments but {} were given",
            a.pos.len().saturating_sub(1)
        )));
    }
    if let Some(prop) = of(&a.pos[0]) {
        prop.remember_name(a.pos[2].clone());
    }
    Ok(vm.none())
}
