//! The import system, laid out as CPython's importlib:
//!
//! - this file: what `import` statements and `__import__` mean: relative names resolved
//!   against the importing module's package, parents imported before their children, the
//!   module bound to its parent package, `from m import a, b` and `*`;
//! - [`finder`]: where a module comes from: a Rust module built into pymm, a `.py` file or a
//!   package directory on the search path (`sys.path`, or the parent package's `__path__`), a
//!   Python module built into the binary, or a namespace package;
//! - [`loader`]: turns what the finder found into a module object, registered in
//!   `sys.modules` before its code runs (so circular imports see it partly initialised, as in
//!   CPython) and removed again when that code raises.
//!
//! ```
//! let options = pymm_python::Options::default();
//! let src = "import sys\nimport collections.abc as abc\nassert 'collections.abc' in sys.modules\n";
//! assert_eq!(pymm_python::run_source("<doc>", src, &options), 0);
//! ```

mod code_cache;
pub mod finder;
pub mod loader;

pub use finder::absolute;

use std::path::PathBuf;

use crate::objects::{Obj, PyRef};
use crate::vm::{Exc, PyErr, PyResult, Vm};

impl Vm {
    /// `__import__(name, globals, None, fromlist, level)`: imports `name` (relative to the
    /// package of `globals` when `level` > 0) and gives what the import statement binds: the
    /// top-level package for `import a.b`, the module itself when there is a `fromlist`.
    pub fn import_name(
        &self,
        name: &str,
        globals: Option<&PyRef>,
        fromlist: &[PyRef],
        level: usize,
    ) -> PyResult {
        let absolute = if level > 0 {
            self.resolve_relative(name, globals, level)?
        } else {
            name.to_string()
        };
        if absolute.is_empty() {
            return Err(self.value_error("Empty module name"));
        }
        let module = self.import_absolute(&absolute)?;
        if !fromlist.is_empty() {
            self.import_fromlist(&module, &absolute, fromlist)?;
            return Ok(module);
        }
        if level == 0 {
            let top = absolute.split('.').next().unwrap_or_default();
            return self.sys_module(top).map(Ok).unwrap_or(Ok(module));
        }
        if name.is_empty() {
            return Ok(module);
        }
        // `from .a.b import` never gets here; `__import__('a.b', level=1)` gives `.a`
        let tail = name.len() - name.split('.').next().unwrap_or_default().len();
        let head = &absolute[..absolute.len() - tail];
        Ok(self.sys_module(head).unwrap_or(module))
    }

    /// The absolute name of `name`, `level` dots deep relative to the package of the module
    /// whose namespace is `globals`.
    pub fn resolve_relative(
        &self,
        name: &str,
        globals: Option<&PyRef>,
        level: usize,
    ) -> PyResult<String> {
        let package = self.package_of(globals)?;
        resolve_name(self, name, &package, level)
    }

    /// Imports the module with the absolute dotted `name`, its parents first.
    pub fn import_absolute(&self, name: &str) -> PyResult {
        if let Some(module) = self.sys_modules_entry(name)? {
            return Ok(module);
        }
        let (parent, search) = self.parent_and_search(name)?;
        // importing the parent may have imported this module too
        if let Some(module) = self.sys_modules_entry(name)? {
            return Ok(module);
        }
        let spec = finder::find_spec(self, name, &search)?
            .ok_or_else(|| self.module_not_found(name, format!("No module named '{name}'")))?;
        let module = loader::load(self, &spec)?;
        if let (Some(parent), Some((_, child))) = (parent, name.rsplit_once('.')) {
            self.set_attr(&parent, &self.intern(child), module.clone())?;
        }
        Ok(module)
    }

    /// The parent package of `name` (imported first) and where `name` is to be found: the
    /// parent's `__path__`, or `sys.path` for a top-level module.
    pub(crate) fn parent_and_search(
        &self,
        name: &str,
    ) -> PyResult<(Option<PyRef>, finder::SearchPath)> {
        let Some((parent_name, _)) = name.rsplit_once('.') else {
            return Ok((None, finder::SearchPath::Sys));
        };
        let parent = self.import_absolute(parent_name)?;
        let path = self.package_path(&parent, name, parent_name)?;
        Ok((Some(parent), finder::SearchPath::Package(path)))
    }

    /// The `__path__` entries of a parent package, or the error CPython gives when it is a
    /// plain module.
    fn package_path(&self, parent: &PyRef, name: &str, parent_name: &str) -> PyResult<Vec<String>> {
        let Some(path) = self.module_attr(parent, "__path__") else {
            return Err(self.module_not_found(
                name,
                format!("No module named '{name}'; '{parent_name}' is not a package"),
            ));
        };
        self.collect(&path)?
            .iter()
            .map(|entry| self.to_str(entry))
            .collect()
    }

    /// `from package import a, b`: names the package lacks are imported as submodules.
    fn import_fromlist(&self, module: &PyRef, name: &str, fromlist: &[PyRef]) -> PyResult<()> {
        if self.module_attr(module, "__path__").is_none() {
            return Ok(());
        }
        for item in fromlist {
            let Some(attr) = item.as_str() else {
                return Err(self.type_error(format!(
                    "Item in {name}.__all__ must be str, not {}",
                    self.type_name(item)
                )));
            };
            if attr == "*" {
                if let Some(all) = self.module_attr(module, "__all__") {
                    let names = self.collect(&all)?;
                    self.import_fromlist(module, name, &names)?;
                }
                continue;
            }
            if self.module_attr(module, attr).is_some() {
                continue;
            }
            let full = format!("{name}.{attr}");
            if let Err(err) = self.import_absolute(&full) {
                // a missing submodule is not an error here: `from p import x` reports
                // "cannot import name" itself
                if !self.is_missing_module(&err, &full) {
                    return Err(err);
                }
            }
        }
        Ok(())
    }

    /// True when `err` is the ModuleNotFoundError for exactly `name`.
    fn is_missing_module(&self, err: &PyErr, name: &str) -> bool {
        self.exc_matches(&err.0, Exc::ModuleNotFoundError)
            && self
                .instance_get(&err.0, "name")
                .is_some_and(|n| n.as_str() == Some(name))
    }

    /// `from module import name` (IMPORT_FROM): the attribute, else the submodule registered
    /// in `sys.modules` (a circular import may not have bound it yet), else CPython's
    /// ImportError.
    pub fn import_from(&self, module: &PyRef, name: &PyRef) -> PyResult {
        let attr = name.as_str().unwrap_or_default();
        match self.get_attr(module, name) {
            Ok(value) => return Ok(value),
            Err(err) if !self.exc_matches(&err.0, Exc::AttributeError) => return Err(err),
            Err(_) => {}
        }
        let module_name = self
            .module_attr(module, "__name__")
            .and_then(|n| n.as_str().map(str::to_string));
        if let Some(module_name) = &module_name {
            if let Some(sub) = self.sys_module(&format!("{module_name}.{attr}")) {
                return Ok(sub);
            }
        }
        let shown = module_name.unwrap_or_else(|| "<unknown module name>".into());
        let location = match self.module_attr(module, "__file__") {
            Some(file) => self.to_str(&file)?,
            None => "unknown location".into(),
        };
        let message = if self.is_initializing(module) {
            format!(
                "cannot import name '{attr}' from partially initialized module '{shown}' \
                 (most likely due to a circular import) ({location})"
            )
        } else {
            format!("cannot import name '{attr}' from '{shown}' ({location})")
        };
        let err = self.new_exc(Exc::ImportError, message);
        self.instance_set(&err.0, &self.intern("name"), self.str(&shown)?)?;
        Err(err)
    }

    /// `from module import *`: the names in `__all__`, else every name not starting with `_`,
    /// stored into `namespace`.
    pub fn import_star(&self, module: &PyRef, namespace: &PyRef) -> PyResult<()> {
        let names = match self.module_attr(module, "__all__") {
            Some(all) => self.collect(&all)?,
            None => {
                let dict = self.get_attr(module, &self.intern("__dict__"))?;
                let keys: Vec<PyRef> = self
                    .table_of(&dict)?
                    .borrow()
                    .iter()
                    .map(|e| e.key.clone())
                    .collect();
                keys.into_iter()
                    .filter(|k| k.as_str().is_some_and(|s| !s.starts_with('_')))
                    .collect()
            }
        };
        for name in names {
            if name.as_str().is_none() {
                let module_name = self
                    .module_attr(module, "__name__")
                    .map(|n| self.to_str(&n))
                    .transpose()?
                    .unwrap_or_default();
                return Err(self.type_error(format!(
                    "Item in {module_name}.__all__ must be str, not {}",
                    self.type_name(&name)
                )));
            }
            let value = self.get_attr(module, &name)?;
            self.dict_set(namespace, name, value)?;
        }
        Ok(())
    }

    /// The package a module's relative imports start from: `__package__`, else derived from
    /// `__name__` (and `__path__`) as importlib does.
    fn package_of(&self, globals: Option<&PyRef>) -> PyResult<String> {
        let get = |key: &str| -> PyResult<Option<PyRef>> {
            match globals {
                Some(g) => Ok(self
                    .dict_get(g, &self.intern(key))?
                    .filter(|v| !self.is_none(v))),
                None => Ok(None),
            }
        };
        if let Some(package) = get("__package__")? {
            return match package.as_str() {
                Some(p) => Ok(p.to_string()),
                None => Err(self.type_error("package must be a string")),
            };
        }
        let Some(name) = get("__name__")? else {
            return Err(self.new_exc(Exc::KeyError, "'__name__' not in globals"));
        };
        let name = self.to_str(&name)?;
        if get("__path__")?.is_some() {
            return Ok(name);
        }
        Ok(name
            .rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default())
    }

    /// `sys.modules[name]` when present; a `None` entry stops the import, as in CPython.
    fn sys_modules_entry(&self, name: &str) -> PyResult<Option<PyRef>> {
        match self.dict_get(&self.modules, &self.str(name)?)? {
            Some(m) if self.is_none(&m) => Err(self.module_not_found(
                name,
                format!("import of {name} halted; None in sys.modules"),
            )),
            found => Ok(found),
        }
    }

    /// `sys.modules[name]`, if any.
    pub fn sys_module(&self, name: &str) -> Option<PyRef> {
        let key = self.str(name).ok()?;
        self.dict_get(&self.modules, &key).ok().flatten()
    }

    /// An attribute read from a module's namespace (no error when absent).
    pub fn module_attr(&self, module: &PyRef, name: &str) -> Option<PyRef> {
        match &**module {
            Obj::Module(m) => self.dict_get(&m.1, &self.intern(name)).ok().flatten(),
            _ => self.get_attr(module, &self.intern(name)).ok(),
        }
    }

    /// True while a module's code is still running (`__spec__._initializing` in CPython).
    fn is_initializing(&self, module: &PyRef) -> bool {
        self.importing
            .borrow()
            .iter()
            .any(|m| crate::rt::Gc::ptr_eq(m, module))
    }

    /// ModuleNotFoundError(message) with its `name` attribute set.
    pub fn module_not_found(&self, name: &str, message: String) -> PyErr {
        let err = self.new_exc(Exc::ModuleNotFoundError, message);
        if let Ok(name) = self.str(name) {
            let _ = self.instance_set(&err.0, &self.intern("name"), name);
        }
        err
    }
}

/// For `-m name` (runpy): the file to run as `__main__` and its package, its parent packages
/// imported first; or the message python3 prints when there is nothing to run.
pub fn main_module_file(vm: &Vm, name: &str) -> PyResult<Result<(PathBuf, String), String>> {
    let search = match vm.parent_and_search(name) {
        Ok((_, search)) => search,
        Err(err) => {
            let kind = vm.class_name(&vm.type_of(&err.0));
            let message = vm.exc_message(&err.0);
            return Ok(Err(format!(
                "Error while finding module specification for '{name}' ({kind}: {message})"
            )));
        }
    };
    let package = name.rsplit_once('.').map(|(p, _)| p).unwrap_or_default();
    match finder::find_spec(vm, name, &search)?.map(|spec| spec.origin) {
        Some(finder::Origin::Source {
            file,
            package: false,
        }) => Ok(Ok((file, package.into()))),
        Some(finder::Origin::Source { .. } | finder::Origin::Namespace(_)) => {
            vm.import_absolute(name)?;
            let main = format!("{name}.__main__");
            match main_module_file(vm, &main)? {
                Ok(found) => Ok(Ok(found)),
                Err(_) => Ok(Err(format!(
                    "No module named {main}; '{name}' is a package and cannot be directly executed"
                ))),
            }
        }
        Some(finder::Origin::Builtin(_)) => Ok(Err(format!("No code object available for {name}"))),
        None => Ok(Err(format!("No module named {name}"))),
    }
}

/// `importlib._bootstrap._resolve_name`: `name` relative to `package`, `level` dots deep.
fn resolve_name(vm: &Vm, name: &str, package: &str, level: usize) -> PyResult<String> {
    if package.is_empty() {
        return Err(vm.new_exc(
            Exc::ImportError,
            "attempted relative import with no known parent package",
        ));
    }
    let parts: Vec<&str> = package.rsplitn(level, '.').collect();
    if parts.len() < level {
        return Err(vm.new_exc(
            Exc::ImportError,
            "attempted relative import beyond top-level package",
        ));
    }
    let base = parts.last().copied().unwrap_or_default();
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}
