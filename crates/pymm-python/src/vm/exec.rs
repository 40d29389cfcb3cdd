//! Running source in a namespace: what `exec()`, `eval()`, an import and the main program
//! do with a module's text, with syntax errors and exceptions told apart.

use std::rc::Rc;

use crate::compile::{compile_exec, compile_expression, compile_module, SyntaxError};
use crate::objects::frame::Exit;
use crate::objects::frame::FrameState;
use crate::objects::{Code, PyRef};
use crate::vm::{Exc, Vm};

/// Why a program stopped early.
pub enum RunError {
    /// It did not compile.
    Syntax(SyntaxError),
    /// It raised.
    Exception(PyRef),
}

impl From<crate::vm::PyErr> for RunError {
    fn from(e: crate::vm::PyErr) -> Self {
        RunError::Exception(e.0)
    }
}

/// Compiles `source` and runs it with `ns` as its globals.
pub fn exec_in(vm: &Vm, source: &str, filename: &str, ns: &PyRef) -> Result<PyRef, RunError> {
    remember_source(vm, source, filename);
    let code = compile_module(vm, source, filename).map_err(RunError::Syntax)?;
    run_code(vm, code, ns)
}

/// Compiles `source` for `exec`, `eval` or `compile` (a module, or one expression when
/// `expression`, whose names are looked up in the locals it runs with first), keeping the
/// text for tracebacks.
pub fn compile_source(
    vm: &Vm,
    source: &str,
    filename: &str,
    expression: bool,
) -> Result<Rc<Code>, RunError> {
    remember_source(vm, source, filename);
    let code = if expression {
        compile_expression(vm, source, filename)
    } else {
        compile_exec(vm, source, filename)
    };
    code.map_err(RunError::Syntax)
}

/// Keeps the text of `filename` for the lines tracebacks quote.
pub fn remember_source(vm: &Vm, source: &str, filename: &str) {
    vm.sources
        .borrow_mut()
        .insert(filename.into(), source.into());
}

/// Runs compiled code with `ns` as its globals (a module's body).
pub fn run_code(vm: &Vm, code: Rc<Code>, ns: &PyRef) -> Result<PyRef, RunError> {
    run_code_in(vm, code, ns, None)
}

/// Runs compiled code with `globals`, and `locals` as the namespace its names are stored
/// in and looked up in first (`exec` and `eval`; None: the globals).
pub fn run_code_in(
    vm: &Vm,
    code: Rc<Code>,
    globals: &PyRef,
    locals: Option<PyRef>,
) -> Result<PyRef, RunError> {
    let mut frame = FrameState::empty(code, globals.clone());
    frame.namespace = locals.filter(|l| !crate::rt::Gc::ptr_eq(l, globals));
    match vm.run_frame(frame, None)? {
        Exit::Return(v) | Exit::Yield(v, _) => Ok(v),
    }
}

impl RunError {
    /// The exception to raise for a program (named `filename`) that did not run: its own, or a
    /// SyntaxError carrying `msg`, `filename`, `lineno` and `text` as CPython's does.
    pub fn into_exception(self, vm: &Vm, filename: &str) -> crate::vm::PyErr {
        match self {
            RunError::Exception(exc) => crate::vm::PyErr(exc),
            RunError::Syntax(s) => vm.syntax_error_at(&s, filename, None),
        }
    }
}

impl From<RunError> for crate::vm::PyErr {
    fn from(e: RunError) -> Self {
        match e {
            RunError::Exception(exc) => crate::vm::PyErr(exc),
            RunError::Syntax(s) => match crate::vm::finalize::current() {
                Some(vm) => vm.new_exc(Exc::SyntaxError, s.message),
                None => unreachable_without_vm(),
            },
        }
    }
}

#[cold]
fn unreachable_without_vm() -> ! {
    panic!("pymm-python: module code compiled outside a running VM")
}
