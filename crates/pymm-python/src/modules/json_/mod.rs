//! `_json`: the accelerator of the `json` module (Python, built in), as CPython's
//! `Modules/_json.c`: `scanstring` and the scanner `make_scanner` builds (the decoder),
//! `encode_basestring(_ascii)` and the encoder `make_encoder` builds.
//!
//! Both walk nested documents by recursion on the Rust stack, each level counted against
//! the recursion limit (and the stack guard) as CPython's `Py_EnterRecursiveCall`, so that
//! `json.loads('[' * 100000)` raises RecursionError.

mod encoder;
pub(super) mod escape;
mod scanner;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::BuiltinFn;
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("scanstring", scanner::scanstring),
    BuiltinFn::new("make_scanner", scanner::make_scanner),
    BuiltinFn::new("encode_basestring_ascii", escape::encode_basestring_ascii),
    BuiltinFn::new("encode_basestring", escape::encode_basestring),
    BuiltinFn::new("make_encoder", encoder::make_encoder),
];

/// Some(ascii) when `f` is `encode_basestring_ascii` (true) or `encode_basestring` (false):
/// the encoder then escapes strings itself instead of calling them.
fn fast_encoder(f: &BuiltinFn) -> Option<bool> {
    let [ascii, unicode] = [&FUNCTIONS[2], &FUNCTIONS[3]];
    if std::ptr::eq(f, ascii) {
        Some(true)
    } else if std::ptr::eq(f, unicode) {
        Some(false)
    } else {
        None
    }
}

/// Builds the `_json` module.
pub fn build(vm: &Vm) -> PyResult {
    let module = vm.new_module("_json")?;
    vm.module_add_functions(&module, FUNCTIONS)?;
    Ok(module)
}

/// The text of a str (or of an instance of a subclass of str), else TypeError
/// "`what`, not T" as CPython words it.
fn str_arg<'a>(vm: &Vm, obj: &'a PyRef, what: &str) -> PyResult<&'a str> {
    match &**vm.builtin_receiver(obj) {
        Obj::Str(s) => Ok(s.as_str()),
        _ => Err(vm.type_error(format!("{what}, not {}", vm.type_name(obj)))),
    }
}
