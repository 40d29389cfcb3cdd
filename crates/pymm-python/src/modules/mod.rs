//! The built-in modules and `import`: `sys`, `gc`, `weakref`, `time`, `math` and
//! `tracemalloc` in Rust;
//! `collections`, `itertools`, `functools`, `dataclasses` and `abc` in Python (their source is built into the
//! binary and run on first import, so everything they make lives in the pymm heap).

mod gc;
mod math;
mod sys;
mod time;
mod tracemalloc;
mod weakref;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::BuiltinFn;
use crate::vm::{Exc, PyResult, Vm};

impl Vm {
    /// `import name`: built-in modules only, created once.
    pub fn import(&self, name: &PyRef) -> PyResult {
        let key = name.as_str().unwrap_or("").to_string();
        if let Some(m) = self.modules.borrow().get(&key) {
            return Ok(m.clone());
        }
        let module = match key.as_str() {
            "sys" => sys::build(self)?,
            "gc" => gc::build(self)?,
            "weakref" => weakref::build(self)?,
            "time" => time::build(self)?,
            "math" => math::build(self)?,
            "tracemalloc" => tracemalloc::build(self)?,
            _ if python_source(&key).is_some() => self.python_module(&key)?,
            _ => {
                return Err(
                    self.new_exc(Exc::ModuleNotFoundError, format!("No module named '{key}'"))
                )
            }
        };
        self.modules.borrow_mut().insert(key, module.clone());
        Ok(module)
    }

    /// A module written in Python, run from the source built into the binary.
    fn python_module(&self, name: &str) -> PyResult {
        let module = self.new_module(name)?;
        let source = python_source(name).unwrap_or("");
        crate::run::exec_in(
            self,
            source,
            &format!("<{name}>"),
            &self.module_dict(&module),
        )?;
        Ok(module)
    }

    /// A new module with a fresh namespace.
    pub fn new_module(&self, name: &str) -> PyResult {
        let ns = self.dict()?;
        self.dict_set(&ns, self.intern("__name__"), self.str(name)?)?;
        self.alloc(Obj::Module(Box::new((self.str(name)?, ns))))
    }

    /// The namespace dict of a module.
    pub fn module_dict(&self, module: &PyRef) -> PyRef {
        match &**module {
            Obj::Module(m) => m.1.clone(),
            _ => self.none(),
        }
    }

    /// Sets `module.name = value`.
    pub fn module_set(&self, module: &PyRef, name: &str, value: PyRef) -> PyResult<()> {
        self.dict_set(&self.module_dict(module), self.intern(name), value)
    }

    /// Adds built-in functions to a module.
    pub fn module_add_functions(
        &self,
        module: &PyRef,
        functions: &'static [BuiltinFn],
    ) -> PyResult<()> {
        for f in functions {
            let obj = self.alloc(Obj::Builtin(f))?;
            self.module_set(module, f.name, obj)?;
        }
        Ok(())
    }
}

/// The source of a module written in Python.
fn python_source(name: &str) -> Option<&'static str> {
    match name {
        "collections" => Some(include_str!("collections.py")),
        "itertools" => Some(include_str!("itertools.py")),
        "functools" => Some(include_str!("functools.py")),
        "dataclasses" => Some(include_str!("dataclasses.py")),
        "abc" => Some(include_str!("abc.py")),
        _ => None,
    }
}

/// pymm collection callback: `gc.callbacks` and `gc.garbage`.
pub fn gc_callback(
    _heap: &crate::rt::Heap,
    phase: crate::rt::CallbackPhase,
    info: &crate::rt::CallbackInfo,
) {
    gc::on_collection(phase, info);
}
