//! Finding a module: importlib's finders, in CPython's order.
//!
//! 1. the modules CPython builds into its executable (`sys`, `gc`, `time`, ...: see
//!    [`crate::modules::found_before_path`]) cannot be shadowed by a file;
//! 2. each directory of the search path, in order: `name/__init__.py` (a package), then
//!    `name.py`; a directory `name/` without `__init__.py` is remembered as a portion of a
//!    namespace package;
//! 3. the standard modules built into pymm (Rust or Python source), as CPython's standard
//!    library comes after the program's own directories on `sys.path`;
//! 4. a namespace package made of the portions found in step 2.

use std::path::{Path, PathBuf};

use crate::modules::{self, Builtin};
use crate::vm::{PyResult, Vm};

/// Where to look for a module.
pub enum SearchPath {
    /// A top-level module: `sys.path`, as it is when the import runs.
    Sys,
    /// A submodule: its parent package's `__path__`.
    Package(Vec<String>),
}

/// What a finder found.
pub enum Origin {
    /// A module built into pymm.
    Builtin(Builtin),
    /// A source file; `package` when it is a package's `__init__.py`.
    Source {
        /// The file.
        file: PathBuf,
        /// True for `__init__.py`.
        package: bool,
    },
    /// A namespace package: directories without `__init__.py`.
    Namespace(Vec<PathBuf>),
}

/// A module found: its absolute name and origin (importlib's `ModuleSpec`).
pub struct Spec {
    /// Absolute dotted name.
    pub name: String,
    /// Where its code is.
    pub origin: Origin,
}

/// Finds the module `name`; None when nothing provides it.
pub fn find_spec(vm: &Vm, name: &str, search: &SearchPath) -> PyResult<Option<Spec>> {
    let spec = |origin| {
        Ok(Some(Spec {
            name: name.to_string(),
            origin,
        }))
    };
    if modules::found_before_path(name) {
        if let Some(builtin) = modules::builtin(name) {
            return spec(Origin::Builtin(builtin));
        }
    }
    let entries = match search {
        SearchPath::Sys => sys_path_entries(vm)?,
        SearchPath::Package(entries) => entries.clone(),
    };
    let last = name.rsplit('.').next().unwrap_or(name);
    let mut portions = Vec::new();
    for entry in &entries {
        let dir = absolute_dir(entry);
        let package_dir = dir.join(last);
        let init = package_dir.join("__init__.py");
        if init.is_file() {
            return spec(Origin::Source {
                file: init,
                package: true,
            });
        }
        let file = dir.join(format!("{last}.py"));
        if file.is_file() {
            return spec(Origin::Source {
                file,
                package: false,
            });
        }
        if package_dir.is_dir() {
            portions.push(package_dir);
        }
    }
    if let Some(builtin) = modules::builtin(name) {
        return spec(Origin::Builtin(builtin));
    }
    if !portions.is_empty() {
        return spec(Origin::Namespace(portions));
    }
    Ok(None)
}

/// The str entries of `sys.path` (others are skipped, as CPython's path finder does).
fn sys_path_entries(vm: &Vm) -> PyResult<Vec<String>> {
    let entries = vm.collect(&vm.sys_path)?;
    Ok(entries
        .iter()
        .filter_map(|e| e.as_str().map(str::to_string))
        .collect())
}

/// A search path entry as an absolute directory (`''` is the current directory).
fn absolute_dir(entry: &str) -> PathBuf {
    let dir = if entry.is_empty() { "." } else { entry };
    absolute(Path::new(dir))
}

/// `path` made absolute, without resolving symbolic links (as CPython names `__main__`).
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}
