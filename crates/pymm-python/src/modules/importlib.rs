//! The `importlib` module: `import_module`, `reload` and `invalidate_caches` over the import
//! system in [`crate::import`].

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("import_module", import_module),
    BuiltinFn::new("reload", reload),
    BuiltinFn::new("invalidate_caches", invalidate_caches),
];

/// `importlib.import_module(name, package=None)`: the module itself (not its top-level
/// package, as `__import__` gives); a name with leading dots is relative to `package`.
fn import_module(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "import_module", 1, 2, &["package"])?;
    let name = vm.to_str(&a.pos[0])?;
    let package = a.get(1, "package").filter(|p| !vm.is_none(p));
    let relative = name.trim_start_matches('.');
    let level = name.len() - relative.len();
    if level == 0 {
        return vm.import_absolute(&name);
    }
    let Some(package) = package else {
        return Err(vm.type_error(format!(
            "the 'package' argument is required to perform a relative import for '{name}'"
        )));
    };
    let globals = vm.dict()?;
    vm.dict_set(&globals, vm.intern("__package__"), package.clone())?;
    let absolute = vm.resolve_relative(relative, Some(&globals), level)?;
    vm.import_absolute(&absolute)
}

/// `importlib.reload(module)`: runs the module's code again in its own namespace.
fn reload(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "reload", 1, 1, &[])?;
    let module = &a.pos[0];
    if !matches!(&**module, Obj::Module(_)) {
        return Err(vm.type_error("reload() argument must be a module"));
    }
    crate::import::loader::reload(vm, module)
}

/// `importlib.invalidate_caches()`: the finders keep no caches (every import looks at the
/// directories afresh), so there is nothing to drop.
fn invalidate_caches(vm: &Vm, _a: Args<'_>) -> PyResult {
    Ok(vm.none())
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("importlib")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
