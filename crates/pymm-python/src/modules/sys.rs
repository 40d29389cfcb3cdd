//! The `sys` module.

use crate::objects::int::value::{DEFAULT_MAX_STR_DIGITS, STR_DIGITS_CHECK_THRESHOLD};
use crate::objects::{Obj, PyRef};
use crate::rt::{getsizeof as pymm_getsizeof, Gc};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("getrefcount", getrefcount),
    BuiltinFn::new("getsizeof", getsizeof),
    BuiltinFn::new("getrecursionlimit", getrecursionlimit),
    BuiltinFn::new("setrecursionlimit", setrecursionlimit),
    BuiltinFn::new("get_int_max_str_digits", get_int_max_str_digits),
    BuiltinFn::new("set_int_max_str_digits", set_int_max_str_digits),
    BuiltinFn::new("_debugmallocstats", debugmallocstats),
    BuiltinFn::new("getallocatedblocks", getallocatedblocks),
    BuiltinFn::new("exit", exit),
    BuiltinFn::new("intern", intern),
    BuiltinFn::new("exc_info", exc_info),
];

/// `exc_info()`: `(type, value, traceback)` of the exception being handled, or three Nones.
fn exc_info(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "exc_info", 0, 0, &[])?;
    let handled = vm.exc_stack.borrow().last().cloned();
    match handled.filter(|e| !vm.is_none(e)) {
        Some(exc) => {
            let traceback = vm.get_attr(&exc, &vm.intern("__traceback__"))?;
            vm.new_tuple(vec![vm.type_of(&exc), exc, traceback])
        }
        None => vm.new_tuple(vec![vm.none(), vm.none(), vm.none()]),
    }
}

static STREAM: &[BuiltinFn] = &[
    BuiltinFn::new("write", write),
    BuiltinFn::new("flush", flush),
];

/// The Python half of the module.
const PRELUDE: &str = include_str!("sys.py");

/// pymm's version as the 5-tuple of `sys.implementation.version`: (major, minor, micro,
/// release level, serial), read from the crate's version ("0.1.0" is a final release).
fn pymm_version(vm: &Vm) -> PyResult<PyRef> {
    let part = |s: &str| vm.new_int(s.parse::<i64>().unwrap_or(0));
    vm.new_tuple(vec![
        part(env!("CARGO_PKG_VERSION_MAJOR"))?,
        part(env!("CARGO_PKG_VERSION_MINOR"))?,
        part(env!("CARGO_PKG_VERSION_PATCH"))?,
        vm.str(if env!("CARGO_PKG_VERSION_PRE").is_empty() {
            "final"
        } else {
            "alpha"
        })?,
        vm.int(0),
    ])
}

/// `sys.getrefcount(x)`: the argument on the value stack is one of the counted references,
/// as in CPython.
fn getrefcount(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getrefcount", 1, 1, &[])?;
    vm.new_int(Gc::ref_count(&a.pos[0]) as i64)
}

/// `sys.getsizeof(obj, default)`: `type(obj).__sizeof__(obj)` plus the collector's links for
/// a container; `default` instead when that fails with TypeError. Built-in objects answer
/// from their block size without a call.
fn getsizeof(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getsizeof", 1, 2, &["default"])?;
    let obj = &a.pos[0];
    let Some(method) = vm.user_method(obj, "__sizeof__") else {
        return vm.new_int(pymm_getsizeof(&Gc::to_any(obj)) as i64);
    };
    match sizeof_from(vm, obj, &method) {
        Err(err) if vm.exc_matches(&err.0, Exc::TypeError) => match a.get(1, "default") {
            Some(default) => Ok(default.clone()),
            None => Err(err),
        },
        result => result,
    }
}

/// A user-defined `__sizeof__`'s answer, checked as CPython's `_PySys_GetSizeOf` does.
fn sizeof_from(vm: &Vm, obj: &PyRef, method: &PyRef) -> PyResult {
    let result = vm.call(method, std::slice::from_ref(obj))?;
    let size = match &*result {
        Obj::Int(i) => *i,
        Obj::Bool(b) => i64::from(*b),
        Obj::BigInt(b) if b.sign() == num_bigint::Sign::Minus => -1,
        Obj::BigInt(_) => {
            return Err(vm.new_exc(
                Exc::OverflowError,
                "Python int too large to convert to C ssize_t",
            ))
        }
        _ => return Err(vm.type_error("an integer is required")),
    };
    if size < 0 {
        return Err(vm.value_error("__sizeof__() should return >= 0"));
    }
    let links = if Gc::is_container(obj) {
        crate::rt::GC_LINKS_SIZE
    } else {
        0
    };
    vm.new_bigint(num_bigint::BigInt::from(size) + links)
}

fn getrecursionlimit(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.new_int(vm.recursion_limit.get() as i64)
}

fn get_int_max_str_digits(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "get_int_max_str_digits", 0, 0, &[])?;
    vm.new_int(vm.int_max_str_digits.get() as i64)
}

/// `set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least the check threshold.
fn set_int_max_str_digits(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "set_int_max_str_digits", 0, 1, &["maxdigits"])?;
    let Some(value) = a.get(0, "maxdigits") else {
        return Err(
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        );
    };
    let Some(n) = vm.index_int(value)? else {
        return Err(vm.not_an_integer(value));
    };
    if n != 0 && n < STR_DIGITS_CHECK_THRESHOLD as i64 {
        return Err(vm.value_error(format!(
            "maxdigits must be 0 or larger than {STR_DIGITS_CHECK_THRESHOLD}"
        )));
    }
    vm.int_max_str_digits.set(n as usize);
    Ok(vm.none())
}

fn setrecursionlimit(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "setrecursionlimit", 1, 1, &[])?;
    match a.pos[0].as_i64() {
        Some(n) if n >= 1 => {
            if (n as usize) <= vm.depth.get() {
                return Err(vm.new_exc(
                    Exc::RecursionError,
                    format!("cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low", vm.depth.get()),
                ));
            }
            vm.recursion_limit
                .set((n as usize).min(crate::MAX_RECURSION_LIMIT));
            Ok(vm.none())
        }
        Some(_) => Err(vm.value_error("recursion limit must be greater or equal than 1")),
        None => Err(vm.type_error("an integer is required")),
    }
}

/// `sys._debugmallocstats()`: the allocator's table, then the bytes the interpreter's objects
/// hold outside the heap (buffers from the system allocator), so that a program's memory is
/// accounted for.
fn debugmallocstats(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.flush_stdout();
    eprint!("{}", vm.heap.alloc_stats());
    eprintln!(
        "{:<35}= {:>20}",
        "# bytes outside the heap",
        crate::memory::external_bytes()
    );
    Ok(vm.none())
}

/// `sys.getallocatedblocks()`: blocks the heap's allocator has handed out and not taken back.
fn getallocatedblocks(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getallocatedblocks", 0, 0, &[])?;
    let stats = vm.heap.alloc_stats();
    vm.new_int((stats.small_blocks_in_use() + stats.large_blocks) as i64)
}

fn exit(vm: &Vm, a: Args<'_>) -> PyResult {
    let args = a.pos.to_vec();
    let exc = vm.instantiate_exception(vm.types.exc(Exc::SystemExit).clone(), args)?;
    Err(crate::vm::PyErr(exc))
}

fn intern(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "intern", 1, 1, &[])?;
    match a.pos[0].as_str() {
        Some(s) => Ok(vm.intern(s)),
        None => Err(vm.type_error("intern() argument must be str")),
    }
}

fn write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "write", 2, 2, &[])?;
    let text = vm.to_str(&a.pos[1])?;
    let to_stderr = matches!(&*a.pos[0], Obj::Module(m) if m.0.as_str() == Some("sys.stderr"));
    if to_stderr {
        vm.flush_stdout();
        eprint!("{text}");
    } else {
        vm.write_stdout(&text);
    }
    vm.new_int(text.chars().count() as i64)
}

fn flush(vm: &Vm, _a: Args<'_>) -> PyResult {
    vm.flush_stdout();
    Ok(vm.none())
}

fn stream(vm: &Vm, name: &str) -> PyResult<PyRef> {
    let m = vm.new_module(name)?;
    for f in STREAM {
        let obj = vm.alloc(Obj::Builtin(f))?;
        let method = vm.alloc(Obj::BoundBuiltin(Box::new((m.clone(), f))))?;
        drop(obj);
        vm.module_set(&m, f.name, method)?;
    }
    Ok(m)
}

/// `sys.dont_write_bytecode`'s first value: whether `PYTHONDONTWRITEBYTECODE` is set.
pub fn dont_write_bytecode() -> bool {
    std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty())
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("sys")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    let getframe = vm.alloc(Obj::Builtin(&crate::vm::frames::GETFRAME))?;
    vm.module_set(&m, "_getframe", getframe)?;
    vm.module_set(&m, "maxsize", vm.new_int(i64::MAX)?)?;
    vm.module_set(&m, "stdout", stream(vm, "sys.stdout")?)?;
    vm.module_set(&m, "stderr", stream(vm, "sys.stderr")?)?;
    let given = vm.argv.borrow().clone();
    let argv = if given.is_empty() {
        vec![vm.str("")?]
    } else {
        given
            .iter()
            .map(|a| vm.str(a))
            .collect::<PyResult<Vec<_>>>()?
    };
    let argv = vm.list(argv)?;
    vm.module_set(&m, "argv", argv)?;
    vm.module_set(&m, "modules", vm.modules.clone())?;
    vm.module_set(&m, "path", vm.sys_path.clone())?;
    let builtin_names = crate::modules::BUILTIN_MODULE_NAMES
        .iter()
        .map(|n| vm.str(n))
        .collect::<PyResult<Vec<_>>>()?;
    vm.module_set(&m, "builtin_module_names", vm.new_tuple(builtin_names)?)?;
    vm.module_set(&m, "platform", vm.str("linux")?)?;
    vm.module_set(&m, "dont_write_bytecode", vm.bool(dont_write_bytecode()))?;
    let byteorder = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    vm.module_set(&m, "byteorder", vm.str(byteorder)?)?;
    vm.module_set(&m, "_pymm_version", pymm_version(vm)?)?;
    vm.module_set(
        &m,
        "_pymm_int_info",
        vm.new_tuple(vec![
            vm.int(30),
            vm.int(4),
            vm.new_int(DEFAULT_MAX_STR_DIGITS as i64)?,
            vm.new_int(STR_DIGITS_CHECK_THRESHOLD as i64)?,
        ])?,
    )?;
    crate::vm::exec::exec_in(vm, PRELUDE, "<sys>", &vm.module_dict(&m))?;
    Ok(m)
}
