//! A function's computed and checked attributes (funcobject.c's `func_getsetlist` and
//! `func_memberlist`): `__code__`, `__defaults__`, `__kwdefaults__`, `__dict__`,
//! `__builtins__`, and the checks CPython's setters make. The fields live in
//! [`FunctionObj`]; `attr.rs` asks here first for a function's attributes.

use crate::objects::{FunctionObj, Obj, PyRef};
use crate::vm::{Exc, PyResult, Vm};

/// The attributes a function computes (`func_getsetlist` and `func_memberlist` in
/// CPython's funcobject.c) that pymm does not compute elsewhere; None for the others.
pub(super) fn attribute(vm: &Vm, f: &FunctionObj, key: &str) -> Option<PyResult> {
    Some(match key {
        "__code__" => vm.code_object(&f.code()),
        "__defaults__" => Ok(f.defaults_tuple().unwrap_or_else(|| vm.none())),
        "__kwdefaults__" => Ok(f.kwdefaults().unwrap_or_else(|| vm.none())),
        "__dict__" => own_dict(vm, f),
        "__builtins__" => builtins_of(vm, f),
        _ => return None,
    })
}

/// `f.__dict__`, made on first use.
pub(super) fn own_dict(vm: &Vm, f: &FunctionObj) -> PyResult {
    if let Some(d) = f.dict.borrow().clone() {
        return Ok(d);
    }
    let d = vm.dict()?;
    *f.dict.borrow_mut() = Some(d.clone());
    Ok(d)
}

/// `f.__builtins__`: its globals' `__builtins__` (a module's namespace when it is a module),
/// else the interpreter's builtins (as CPython 3.10+ when globals lack one).
fn builtins_of(vm: &Vm, f: &FunctionObj) -> PyResult {
    Ok(match vm.dict_get(&f.globals, &vm.intern("__builtins__"))? {
        Some(b) => match &*b {
            Obj::Module(m) => m.1.clone(),
            _ => b,
        },
        None => vm.builtins.clone(),
    })
}

/// `f.key = value`, or `del f.key` when `value` is None, for the attributes that
/// funcobject.c's setters check or that the calls read; false for the others (they go to
/// the function's `__dict__`).
pub(super) fn set_attribute(
    vm: &Vm,
    f: &FunctionObj,
    key: &str,
    value: Option<PyRef>,
) -> PyResult<bool> {
    let none_or = |value: Option<PyRef>| value.filter(|v| !vm.is_none(v));
    match key {
        "__code__" => set_code(vm, f, value)?,
        "__defaults__" => match none_or(value) {
            Some(v) if !matches!(&*v, Obj::Tuple(_)) => {
                return Err(vm.type_error("__defaults__ must be set to a tuple object"))
            }
            v => f.set_defaults(v),
        },
        "__kwdefaults__" => match none_or(value) {
            Some(v) if !matches!(&*v, Obj::Dict(_)) => {
                return Err(vm.type_error("__kwdefaults__ must be set to a dict object"))
            }
            v => f.set_kwdefaults(v),
        },
        "__name__" | "__qualname__" => match value {
            Some(v) if v.as_str().is_some() => return Ok(false),
            _ => return Err(vm.type_error(format!("{key} must be set to a string object"))),
        },
        "__dict__" => match value {
            Some(v) if matches!(&*v, Obj::Dict(_)) => {
                let old = f.dict.replace(Some(v));
                drop(old);
            }
            Some(v) => {
                return Err(vm.type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    vm.type_name(&v)
                )))
            }
            None => return Err(vm.type_error("cannot delete __dict__")),
        },
        "__globals__" | "__closure__" | "__builtins__" => {
            return Err(vm.new_exc(Exc::AttributeError, "readonly attribute"))
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `del f.__doc__` when no docstring was set on it: the docstring reads None from now on.
pub(super) fn set_doc_none(vm: &Vm, f: &FunctionObj) -> PyResult<()> {
    vm.dict_set(&own_dict(vm, f)?, vm.intern("__doc__"), vm.none())
}

/// `f.__code__ = code`: a code object with as many free variables as the function has
/// closure cells (funcobject.c's `func_set_code`).
fn set_code(vm: &Vm, f: &FunctionObj, value: Option<PyRef>) -> PyResult<()> {
    let Some(Obj::Code(code)) = value.as_deref() else {
        return Err(vm.type_error("__code__ must be set to a code object"));
    };
    let nclosure = match f.closure.as_deref() {
        Some(Obj::Tuple(cells)) => cells.len(),
        _ => 0,
    };
    if code.freevars.len() != nclosure {
        return Err(vm.value_error(format!(
            "{}() requires a code object with {nclosure} free vars, not {}",
            f.defined_code().name,
            code.freevars.len()
        )));
    }
    f.set_code(code.clone());
    Ok(())
}
