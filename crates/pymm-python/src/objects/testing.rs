//! What the type modules' unit tests share: code objects made without a VM.

use std::rc::Rc;

use num_bigint::BigInt;

use super::{Code, Obj, PyRef};
use crate::compile::{compile_module, Constants};
use crate::rt::{Gc, Heap};

/// Constants for a test module whose code holds none but `None`.
struct NoneOnly(PyRef);

impl Constants for NoneOnly {
    type Value = PyRef;
    fn none(&self) -> PyRef {
        self.0.clone()
    }
    fn bool(&self, _: bool) -> PyRef {
        self.none()
    }
    fn int(&self, _: i64) -> PyRef {
        self.none()
    }
    fn big_int(&self, _: BigInt) -> PyRef {
        self.none()
    }
    fn float(&self, _: f64) -> PyRef {
        self.none()
    }
    fn complex(&self, _: [f64; 2]) -> PyRef {
        self.none()
    }
    fn interned(&self, _: &str) -> PyRef {
        self.none()
    }
    fn bytes(&self, _: Vec<u8>) -> PyRef {
        self.none()
    }
    fn ellipsis(&self) -> PyRef {
        self.none()
    }
    fn tuple(&self, _: Vec<PyRef>) -> PyRef {
        self.none()
    }
    fn str_repr(&self, s: &str) -> String {
        format!("{s:?}")
    }
}

/// A `None` on `heap` and the code of the module `source`, every constant of it that `None`.
pub fn module_code(heap: &Heap, source: &str) -> (PyRef, Rc<Code>) {
    let none = Gc::new_in(Obj::None, heap);
    let code = compile_module(&NoneOnly(none.clone()), source, "<test>").expect("compiles");
    (none, code)
}
