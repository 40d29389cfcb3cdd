//! `_traceback`, the native half of the `traceback` module (`traceback.py`): the functions
//! that format and print exceptions, with the text pymm prints for an uncaught exception
//! (`format_exception`, `format_exception_only`, `format_exc`, `print_exception`,
//! `print_exc`), and `source_line`, the line a stack summary shows (`linecache.getline`).

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("format_exception", format_exception),
    BuiltinFn::new("format_exception_only", format_exception_only),
    BuiltinFn::new("format_exc", format_exc),
    BuiltinFn::new("print_exception", print_exception),
    BuiltinFn::new("print_exc", print_exc),
    BuiltinFn::new("source_line", source_line),
];

/// The exception argument: `f(exc)`, or the value of the older `f(type, value, tb)` form.
fn exception_arg(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<PyRef> {
    let exc = match a.pos {
        [exc] => exc,
        [_, value, ..] => value,
        [] => return Err(vm.type_error(format!("{name}() missing required argument 'exc'"))),
    };
    Ok(exc.clone())
}

/// Lines with their line ends, as CPython's functions return them.
fn lines(vm: &Vm, text: &str) -> PyResult {
    let lines = text
        .split_inclusive('\n')
        .map(|line| vm.str(line))
        .collect::<PyResult<Vec<_>>>()?;
    vm.list(lines)
}

fn format_exception(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "format_exception", 1, 3, &["limit", "chain"])?;
    let exc = exception_arg(vm, &a, "format_exception")?;
    if vm.is_none(&exc) {
        return lines(vm, "NoneType: None\n");
    }
    lines(vm, &vm.exception_text(&exc))
}

fn format_exception_only(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "format_exception_only", 1, 2, &[])?;
    let exc = exception_arg(vm, &a, "format_exception_only")?;
    lines(vm, &vm.exception_only_text(&exc))
}

/// The exception being handled, if any.
fn handled(vm: &Vm) -> Option<PyRef> {
    vm.exc_stack.borrow().last().cloned()
}

fn format_exc(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "format_exc", 0, 2, &["limit", "chain"])?;
    match handled(vm) {
        Some(exc) => vm.str(vm.exception_text(&exc)),
        None => vm.str("NoneType: None\n"),
    }
}

/// Writes `text` to `file` through its `write` method, or to stderr as an uncaught
/// exception is printed when `file` is absent or None.
fn print_to(vm: &Vm, file: Option<&PyRef>, exc: Option<&PyRef>) -> PyResult {
    let text = match exc {
        Some(exc) if !vm.is_none(exc) => vm.exception_text(exc),
        _ => "NoneType: None\n".to_string(),
    };
    match file.filter(|f| !vm.is_none(f)) {
        Some(file) => {
            let write = vm.get_attr(file, &vm.intern("write"))?;
            vm.call(&write, &[vm.str(&text)?])?;
        }
        None => match exc {
            Some(exc) if !vm.is_none(exc) => vm.print_exception(exc),
            _ => {
                vm.flush_stdout();
                eprint!("{text}");
            }
        },
    }
    Ok(vm.none())
}

/// `print_exception(exc, /, value, tb, limit=None, file=None, chain=True)`.
fn print_exception(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(
        vm,
        "print_exception",
        1,
        6,
        &["value", "tb", "limit", "file", "chain"],
    )?;
    let exc = exception_arg(vm, &a, "print_exception")?;
    print_to(vm, a.get(4, "file"), Some(&exc))
}

/// `print_exc(limit=None, file=None, chain=True)`: the exception being handled.
fn print_exc(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "print_exc", 0, 3, &["limit", "file", "chain"])?;
    print_to(vm, a.get(1, "file"), handled(vm).as_ref())
}

/// `source_line(filename, lineno)`: the line of a file pymm compiled, with its line end,
/// or `''` (as `linecache.getline` answers for a line it cannot find).
fn source_line(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "source_line", 2, 2, &[])?;
    let (Some(filename), Obj::Int(line)) = (a.pos[0].as_str(), &*a.pos[1]) else {
        return vm.str("");
    };
    let text = u32::try_from(*line)
        .ok()
        .and_then(|line| vm.source_line(filename, line));
    match text {
        Some(text) => vm.str(format!("{text}\n")),
        None => vm.str(""),
    }
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_traceback")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
