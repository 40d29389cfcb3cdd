//! Loading a module: importlib's `module_from_spec` and `exec_module`.
//!
//! The module enters `sys.modules` before its code runs, so that an import cycle finds it
//! (partly initialised) instead of loading it twice; if its code raises, it leaves again and
//! the error reaches the importer with the module's own frames in its traceback. What the
//! import gives is then `sys.modules[name]`, since a module may replace its own entry.

use std::path::Path;

use super::code_cache;
use super::finder::{Origin, Spec};
use crate::compile::encoding::decode_source;
use crate::modules::Builtin;
use crate::objects::PyRef;
use crate::vm::exec::RunError;
use crate::vm::{Exc, PyErr, PyResult, Vm};

/// Creates, registers and runs the module `spec` describes.
pub fn load(vm: &Vm, spec: &Spec) -> PyResult {
    let name = spec.name.as_str();
    match &spec.origin {
        Origin::Builtin(Builtin::Native(build)) => {
            let module = build(vm)?;
            register(vm, name, &module)?;
            Ok(module)
        }
        Origin::Builtin(Builtin::Source { source, package }) => {
            let module = new_module(vm, name, None, *package)?;
            if *package {
                vm.module_set(&module, "__path__", vm.list(Vec::new())?)?;
            }
            execute(vm, name, &module, source, &format!("<{name}>"), true)
        }
        Origin::Source { file, package } => load_source(vm, name, file, *package),
        Origin::Namespace(portions) => {
            let module = new_module(vm, name, None, true)?;
            vm.module_set(&module, "__file__", vm.none())?;
            let entries = portions
                .iter()
                .map(|p| vm.str(p.display().to_string()))
                .collect::<PyResult<Vec<_>>>()?;
            vm.module_set(&module, "__path__", vm.list(entries)?)?;
            register(vm, name, &module)?;
            Ok(module)
        }
    }
}

/// A module from a `.py` file (a package's `__init__.py` when `package`).
fn load_source(vm: &Vm, name: &str, file: &Path, package: bool) -> PyResult {
    let shown = file.display().to_string();
    let source = read_source(vm, name, file)?;
    let module = new_module(vm, name, Some(&shown), package)?;
    if package {
        let dir = file
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        vm.module_set(&module, "__path__", vm.list(vec![vm.str(dir)?])?)?;
    }
    execute(vm, name, &module, &source, &shown, false)
}

/// The decoded text of a source file; an unreadable or undecodable one raises as CPython.
fn read_source(vm: &Vm, name: &str, file: &Path) -> PyResult<String> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        let err = vm.new_exc(
            Exc::ImportError,
            format!("cannot read '{shown}' for '{name}': {e}"),
        );
        set_str(vm, &err, "name", name);
        err
    })?;
    decode_source(&bytes, &shown).map_err(|error| vm.source_error(error, &shown))
}

/// A fresh module with CPython's module attributes.
fn new_module(vm: &Vm, name: &str, file: Option<&str>, package: bool) -> PyResult {
    let module = vm.new_module(name)?;
    let parent = if package {
        name
    } else {
        name.rsplit_once('.').map(|(p, _)| p).unwrap_or_default()
    };
    vm.module_set(&module, "__package__", vm.str(parent)?)?;
    // what CPython's exec of a module's code adds to its globals: the builtins' namespace
    vm.module_set(&module, "__builtins__", vm.builtins.clone())?;
    if let Some(file) = file {
        vm.module_set(&module, "__file__", vm.str(file)?)?;
    }
    Ok(module)
}

/// Registers `module` and runs `source` in it (`builtin`: one of pymm's standard modules);
/// gives `sys.modules[name]` afterwards.
fn execute(
    vm: &Vm,
    name: &str,
    module: &PyRef,
    source: &str,
    filename: &str,
    builtin: bool,
) -> PyResult {
    register(vm, name, module)?;
    vm.importing.borrow_mut().push(module.clone());
    crate::vm::exec::remember_source(vm, source, filename);
    let ran = code_cache::compile_cached(vm, source, filename, builtin)
        .map_err(RunError::Syntax)
        .and_then(|code| crate::vm::exec::run_code(vm, code, &vm.module_dict(module)));
    let popped = vm.importing.borrow_mut().pop();
    drop(popped);
    if let Err(error) = ran {
        let key = vm.str(name)?;
        let removed = vm.dict_remove(&vm.modules, &key)?;
        drop(removed);
        return Err(match error {
            RunError::Exception(exc) => PyErr(exc),
            RunError::Syntax(e) => vm.syntax_error_at(&e, filename, None),
        });
    }
    let key = vm.str(name)?;
    vm.dict_get(&vm.modules, &key)?.ok_or_else(|| {
        vm.new_exc(
            Exc::ImportError,
            format!("Loaded module {name} not found in sys.modules"),
        )
    })
}

/// `importlib.reload(module)`: finds the module again and runs its code in its own namespace.
pub fn reload(vm: &Vm, module: &PyRef) -> PyResult {
    let name = match vm.module_attr(module, "__name__") {
        Some(n) => vm.to_str(&n)?,
        None => return Err(vm.type_error("reload() argument must be a module")),
    };
    let registered = vm.sys_module(&name);
    if !registered.is_some_and(|m| crate::rt::Gc::ptr_eq(&m, module)) {
        let err = vm.new_exc(
            Exc::ImportError,
            format!("module {name} not in sys.modules"),
        );
        set_str(vm, &err, "name", &name);
        return Err(err);
    }
    let (_, search) = vm.parent_and_search(&name)?;
    let spec = super::finder::find_spec(vm, &name, &search)?.ok_or_else(|| {
        vm.module_not_found(&name, format!("spec not found for the module '{name}'"))
    })?;
    match &spec.origin {
        Origin::Source { file, .. } => {
            let source = read_source(vm, &name, file)?;
            execute(
                vm,
                &name,
                module,
                &source,
                &file.display().to_string(),
                false,
            )
        }
        Origin::Builtin(Builtin::Source { source, .. }) => {
            execute(vm, &name, module, source, &format!("<{name}>"), true)
        }
        Origin::Builtin(Builtin::Native(_)) | Origin::Namespace(_) => Ok(module.clone()),
    }
}

/// `sys.modules[name] = module`.
fn register(vm: &Vm, name: &str, module: &PyRef) -> PyResult<()> {
    vm.dict_set(&vm.modules, vm.str(name)?, module.clone())
}

fn set_str(vm: &Vm, err: &PyErr, attr: &str, value: &str) {
    if let Ok(v) = vm.str(value) {
        let _ = vm.instance_set(&err.0, &vm.intern(attr), v);
    }
}
