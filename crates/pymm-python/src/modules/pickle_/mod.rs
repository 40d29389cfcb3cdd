//! `_pickle_codec`: the Rust half of `_pickle` (Python, built in), as CPython's
//! `Modules/_pickle.c`: [`encode`] writes a whole pickle, [`decode`] reads one.
//!
//! Both keep their state where Python code can take part: the pickler's output is a
//! bytearray and its memo the `memo` dict (`id(obj) -> (index, obj)`) of the `Pickler`
//! instance, so that the pure-Python methods the codec hands an object to (`save_reduce`,
//! `save_global`, `memoize`) write into the same pickle; the unpickler's stack moves into
//! the `Unpickler`'s `stack` / `metastack` lists only for an opcode it hands to Python.
//! `dumps` and `loads` make no instance unless they need one.
//!
//! The callbacks into Python come in a tuple `_pickle.py` passes with each call
//! ([`Hook`]), so that nothing of the heap is kept in Rust statics.

mod decode;
mod encode;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::BuiltinFn;
use crate::vm::{PyErr, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("dumps", encode::dumps),
    BuiltinFn::new("dump", encode::dump),
    BuiltinFn::new("save", encode::save),
    BuiltinFn::new("write", encode::write),
    BuiltinFn::new("loads", decode::loads),
    BuiltinFn::new("load", decode::load),
];

/// Builds the `_pickle_codec` module.
pub fn build(vm: &Vm) -> PyResult {
    let module = vm.new_module("_pickle_codec")?;
    vm.module_add_functions(&module, FUNCTIONS)?;
    Ok(module)
}

/// The callbacks `_pickle.py` passes in its `_HOOKS` tuple, by position.
#[derive(Clone, Copy)]
enum Hook {
    /// `_pickler_for(out, memo, protocol, fix_imports, buffer_callback, framing,
    /// frame_start)`: the Pickler `dumps` hands an object to.
    PicklerFor = 0,
    /// `_unpickler_for(reader, fix_imports, encoding, errors, buffers, memo)`.
    UnpicklerFor = 1,
    /// `_Reader(data, pos)`: the file a delegated opcode reads.
    Reader = 2,
    /// `_find_class(proto, fix_imports, module, name)`.
    FindClass = 3,
    /// `PicklingError`.
    PicklingError = 4,
    /// `UnpicklingError`.
    UnpicklingError = 5,
}

/// The hooks tuple an entry point was given.
struct Hooks(PyRef);

impl Hooks {
    fn new(vm: &Vm, obj: &PyRef) -> PyResult<Self> {
        match &**obj {
            Obj::Tuple(t) if t.len() == 6 => Ok(Hooks(obj.clone())),
            _ => Err(vm.type_error("_pickle_codec needs _pickle's hooks")),
        }
    }

    fn get(&self, hook: Hook) -> &PyRef {
        match &*self.0 {
            Obj::Tuple(t) => &t[hook as usize],
            _ => unreachable!("Hooks::new checked the tuple"),
        }
    }

    /// An exception of the class `hook` (PicklingError or UnpicklingError) with `msg`.
    fn error(&self, vm: &Vm, hook: Hook, msg: impl Into<String>) -> PyErr {
        let msg = match vm.str(msg.into()) {
            Ok(m) => m,
            Err(e) => return e,
        };
        match vm.call(self.get(hook), &[msg]) {
            Ok(exc) => PyErr(exc),
            Err(e) => e,
        }
    }
}

/// `obj.name`, an attribute the `_pickle` classes set.
fn attr(vm: &Vm, obj: &PyRef, name: &'static str) -> PyResult {
    vm.get_attr(obj, &vm.intern_static(name))
}

/// Sets `obj.name = value`.
fn set_attr(vm: &Vm, obj: &PyRef, name: &'static str, value: PyRef) -> PyResult<()> {
    vm.set_attr(obj, &vm.intern_static(name), value)
}
