//! The VM as the compiler's [`Constants`]: code objects hold Python objects.

use num_bigint::BigInt;

use super::Vm;
use crate::compile::Constants;
use crate::objects::PyRef;
use crate::rt::Gc;

impl Constants for Vm {
    type Value = PyRef;

    fn none(&self) -> PyRef {
        Vm::none(self)
    }

    fn bool(&self, b: bool) -> PyRef {
        Vm::bool(self, b)
    }

    fn int(&self, i: i64) -> PyRef {
        Vm::int(self, i)
    }

    fn big_int(&self, i: BigInt) -> PyRef {
        self.bigint(i)
    }

    fn float(&self, f: f64) -> PyRef {
        Vm::float(self, f)
    }

    fn complex(&self, c: [f64; 2]) -> PyRef {
        Vm::complex(self, c)
    }

    fn interned(&self, s: &str) -> PyRef {
        self.intern(s)
    }

    fn bytes(&self, b: Vec<u8>) -> PyRef {
        Vm::bytes(self, b)
    }

    fn ellipsis(&self) -> PyRef {
        Vm::ellipsis(self)
    }

    /// A constant tuple is untracked by the collector, as CPython's folded constants are.
    fn tuple(&self, items: Vec<PyRef>) -> PyRef {
        let tuple = Vm::tuple(self, items);
        Gc::untrack(&tuple);
        tuple
    }

    fn str_repr(&self, s: &str) -> String {
        crate::objects::str::layout::repr_str(s)
    }
}
